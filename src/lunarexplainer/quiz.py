"""Check-your-understanding questions as ipywidgets, with feedback and a pointer into the data.

Answers are never typed into the notebooks: each lesson's questions are built here, and most
answers are computed from the :class:`~lunarexplainer.data.Dataset`, so they stay right when the
data is updated. Use ``lesson_quiz("01_partnership", ds)`` in a notebook.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

WHY_ROWS = 8


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: whether it is right, and what to tell the student."""

    correct: bool
    message: str

    def _repr_markdown_(self) -> str:
        mark = "✅ **Right!**" if self.correct else "🔎 **Not yet.**"
        return f"{mark} {html.escape(self.message, quote=False)}"

    def __str__(self) -> str:
        return ("Right! " if self.correct else "Not yet. ") + self.message


@dataclass
class Question:
    """Shared parts of a question: the prompt and where in the data to look ("show me why")."""

    prompt: str
    explanation: str
    why: str
    why_rows: Callable[[], pd.DataFrame] | None = None

    def check(self, value: Any) -> Feedback:  # pragma: no cover - overridden
        raise NotImplementedError

    def _input(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def _value(self, control: Any) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def markdown(self) -> str:
        """The question as plain Markdown, without the answer (for static pages)."""
        return f"**{html.escape(self.prompt, quote=False)}**"

    def build_widget(self) -> Any:
        """Prompt, input, Check and Show-me-why buttons, and the feedback area."""
        import ipywidgets as w

        control = self._input()
        check = w.Button(description="Check", button_style="primary", icon="check")
        why = w.Button(description="Show me why", icon="table")
        feedback = w.HTML()
        why_out = w.Output()

        def on_check(_: Any) -> None:
            fb = self.check(self._value(control))
            color = "#007a55" if fb.correct else "#9a5b00"
            head = "Right!" if fb.correct else "Not yet."
            feedback.value = (
                f'<div style="color:{color};font-size:1.05em"><b>{head}</b> '
                f"{html.escape(fb.message)}</div>"
            )

        def on_why(_: Any) -> None:
            from IPython.display import display

            why_out.clear_output()
            with why_out:
                print("Where to look:", self.why)
                if self.why_rows is not None:
                    try:
                        display(self.why_rows().head(WHY_ROWS))
                    except Exception as exc:  # show, never hide, a data problem
                        print(f"(could not show the rows: {exc})")

        check.on_click(on_check)
        why.on_click(on_why)
        box = w.VBox(
            [w.HTML(f"<b>{html.escape(self.prompt)}</b>"), control,
             w.HBox([check, why]), feedback, why_out],
            layout=w.Layout(margin="0 0 1em 0"),
        )
        box.controls = {"answer": control, "check": check, "why": why}  # type: ignore[attr-defined]
        box.feedback = feedback  # type: ignore[attr-defined]
        box.why_output = why_out  # type: ignore[attr-defined]
        return box


@dataclass
class MultipleChoice(Question):
    """Pick one option. ``correct`` is the correct option's text; ``hints`` maps wrong options
    to a specific hint (a general hint is used otherwise)."""

    options: Sequence[str] = ()
    correct: str = ""
    hints: dict[str, str] = field(default_factory=dict)
    hint: str = "Look at the data again, using the 'Show me why' button."

    def __post_init__(self) -> None:
        if self.correct not in self.options:
            raise ValueError(f"the correct answer is not among the options: {self.prompt!r}")

    def check(self, value: Any) -> Feedback:
        if value is None or value == "":
            return Feedback(False, "Choose one of the options first.")
        if value not in self.options:
            return Feedback(False, f"{value!r} is not one of the options.")
        if value == self.correct:
            return Feedback(True, self.explanation)
        return Feedback(False, self.hints.get(str(value), self.hint))

    def _input(self) -> Any:
        import ipywidgets as w

        return w.RadioButtons(options=list(self.options), value=None,
                              layout=w.Layout(width="auto"))

    def _value(self, control: Any) -> Any:
        return control.value

    def markdown(self) -> str:
        items = "\n".join(f"- {html.escape(o, quote=False)}" for o in self.options)
        return f"{super().markdown()}\n\n{items}"


@dataclass
class NumericQuestion(Question):
    """Type a number. ``near`` maps tempting wrong numbers to a specific hint."""

    answer: float = 0.0
    tolerance: float = 0.0
    unit: str = ""
    near: dict[float, str] = field(default_factory=dict)
    hint_low: str = "Too small. Look at the data again."
    hint_high: str = "Too big. Look at the data again."

    def check(self, value: Any) -> Feedback:
        if isinstance(value, str):
            value = value.strip().replace(",", "")
            if not value:
                return Feedback(False, "Type a number first.")
            try:
                value = float(value)
            except ValueError:
                return Feedback(False, f"{value!r} is not a number. Type digits only, e.g. 12.")
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            return Feedback(False, "Type a number first.")
        if abs(value - self.answer) <= self.tolerance:
            return Feedback(True, self.explanation)
        for tempting, hint in self.near.items():
            if abs(value - tempting) <= self.tolerance:
                return Feedback(False, hint)
        return Feedback(False, self.hint_low if value < self.answer else self.hint_high)

    def _input(self) -> Any:
        import ipywidgets as w

        return w.Text(placeholder="type a number" + (f" ({self.unit})" if self.unit else ""))

    def _value(self, control: Any) -> Any:
        return control.value


class Quiz:
    """A short list of questions shown together. Displays as widgets, or as Markdown without
    a kernel (static export)."""

    def __init__(self, title: str, questions: Sequence[Question]) -> None:
        self.title = title
        self.questions = list(questions)
        self._widget: Any = None

    @property
    def widget(self) -> Any:
        if self._widget is None:
            import ipywidgets as w

            self._widget = w.VBox([q.build_widget() for q in self.questions])
        return self._widget

    def markdown(self) -> str:
        parts = [f"{i}. {q.markdown()}" for i, q in enumerate(self.questions, 1)]
        return "\n\n".join(parts) + "\n\n*Run the notebook to check your answers.*"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kw: Any) -> dict:
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude, **kw) or {})
        bundle["text/markdown"] = self.markdown()
        bundle["text/plain"] = f"Quiz: {self.title} ({len(self.questions)} questions)"
        return bundle

    def __len__(self) -> int:
        return len(self.questions)


# --------------------------------------------------------------------------- helpers


def _shuffled(correct: str, wrong: Sequence[str], seed: str) -> list[str]:
    """Options in a fixed but mixed order (the right one is not always first)."""
    options = list(dict.fromkeys([correct, *[o for o in wrong if o != correct]]))
    random.Random(seed).shuffle(options)
    return options


def _year(value: Any) -> int:
    return int(str(value)[:4])


def _mission(ds: Any, mission_id: str) -> pd.Series:
    return ds.missions.set_index("id").loc[mission_id]


def _members(ds: Any, framework: str, kind: str = "country") -> pd.DataFrame:
    p = ds.partners
    p = p[(p["framework"] == framework) & (p["kind"] == kind)]
    if "joined_on_start" in p:
        p = p[p["joined_on_start"].isna() | (p["joined_on_start"] <= ds.as_of)]
    return p


def _latest_count(ds: Any, framework: str) -> int | None:
    fc = ds.framework_counts
    fc = fc[fc["framework"] == framework]
    if fc.empty:
        return None
    return int(fc.sort_values("as_of").iloc[-1]["count"])


def _schedule(ds: Any, subject: str) -> pd.DataFrame:
    sh = ds.schedule_history
    return sh[sh["mission_id"] == subject].sort_values("announced_on")


def _mission_name(ds: Any) -> dict[str, str]:
    names = dict(zip(ds.missions["id"], ds.missions["name"], strict=False))
    names.update(dict(zip(ds.phases["id"], ds.phases["name"], strict=False)))
    return names


# --------------------------------------------------------------------------- lessons


def _quiz_00(ds: Any) -> list[Question]:
    n = len(ds.missions)
    vostok = _year(_mission(ds, "vostok-1")["launch_date"])
    others = [_year(_mission(ds, m)["launch_date"])
              for m in ("apollo-11", "shenzhou-5", "crew-dragon-demo-2")
              if m in set(ds.missions["id"])]
    return [
        MultipleChoice(
            prompt="Where do you find the web address of the source behind a fact?",
            options=_shuffled("In ds.sources, by looking up the row's source_ids",
                              ["In the chart's title", "In ds.missions, in the column status",
                               "Nowhere: the notebooks just know it"], "00-1"),
            correct="In ds.sources, by looking up the row's source_ids",
            explanation="Every row names its sources in source_ids; ds.sources lists each one "
                        "with its title, publisher, url and the day it was checked.",
            hints={"In the chart's title": "Titles describe the chart. Look for a column that "
                                           "names sources in every table.",
                   "Nowhere: the notebooks just know it": "Every fact here has a source. Which "
                   "column of every table ends with _ids?"},
            why="every table has a column source_ids; look the ids up in ds.sources (column url)",
            why_rows=lambda: ds.sources[["id", "title", "publisher", "url"]],
        ),
        NumericQuestion(
            prompt="How many missions are in the missions table (ds.missions)?",
            answer=n,
            explanation=f"The table has {n} rows, one per mission: len(ds.missions) counts them.",
            near={float(ds.missions["launch_date"].notna().sum()):
                  "That is only the missions with a launch date. Count every row: "
                  "len(ds.missions).",
                  float(len(ds.missions.columns)): "That is the number of columns. Count "
                  "the rows instead: len(ds.missions)."},
            hint_low="Too few. Count every row with len(ds.missions).",
            hint_high="Too many. Count every row with len(ds.missions).",
            why="ds.missions has one row per mission; len(ds.missions) counts the rows",
            why_rows=lambda: ds.missions[["id", "name", "program", "launch_date", "status"]],
        ),
        MultipleChoice(
            prompt="In which year did the first person fly in space (Vostok 1)?",
            options=_shuffled(str(vostok), [str(y) for y in others], "00-3"),
            correct=str(vostok),
            explanation=f"Vostok 1 launched in {vostok}, carrying Yuri Gagarin once around "
                        "the Earth.",
            hint="That is another crewed flight in the table. Find the row with id 'vostok-1'.",
            why="ds.missions, row id 'vostok-1', column launch_date",
            why_rows=lambda: ds.missions[ds.missions["crewed"]][["id", "name", "launch_date"]]
            .sort_values("launch_date"),
        ),
    ]


def _quiz_01(ds: Any) -> list[Question]:
    ilrs = _members(ds, "ILRS")
    ilrs_all = _members(ds, "ILRS", "organization")
    n = len(ilrs)
    artemis = _latest_count(ds, "Artemis Accords") or len(_members(ds, "Artemis Accords"))
    bigger = "The Artemis Accords" if artemis > n else "The ILRS" if n > artemis else "Equal"
    return [
        MultipleChoice(
            prompt="Which two space agencies signed the 2021 memorandum about the lunar "
                   "station?",
            options=_shuffled("China's CNSA and Russia's Roscosmos",
                              ["NASA and ESA", "China's CNSA and NASA",
                               "Russia's Roscosmos and ESA"], "01-1"),
            correct="China's CNSA and Russia's Roscosmos",
            explanation="The heads of China's and Russia's space agencies signed it by video "
                        "link.",
            hint="The ILRS is the China–Russia plan. Which agencies belong to those countries?",
            why="ds.article_claims, row claim-signed-by-agency-heads (and ds.milestones)",
            why_rows=lambda: ds.article_claims[["id", "claim", "what_happened"]],
        ),
        NumericQuestion(
            prompt="How many countries (not organizations) had joined the ILRS by the date of "
                   "our data?",
            answer=n,
            explanation=f"{n} countries are listed for the ILRS in ds.partners.",
            near={float(n + len(ilrs_all)): "That count includes organizations. Keep only "
                  "rows with kind == 'country'."},
            why="ds.partners, rows with framework == 'ILRS' and kind == 'country'",
            why_rows=lambda: ilrs[["entity", "iso3", "joined_on"]],
        ),
        MultipleChoice(
            prompt="Which group has more member countries?",
            options=["The ILRS", "The Artemis Accords", "Equal"],
            correct=bigger,
            explanation=f"The Artemis Accords have {artemis} signatories; the ILRS has {n} "
                        "member countries in our data.",
            hint="Compare the two lines at the right-hand end of the growth chart.",
            why="ds.framework_counts (official counts) and ds.partners (one row per member)",
            why_rows=lambda: ds.framework_counts[["framework", "count", "as_of"]],
        ),
    ]


def _quiz_02(ds: Any) -> list[Question]:
    sr = ds.station_roles
    roles = sr["role"].nunique()
    objectives = len(sr[["role", "objective"]].drop_duplicates())
    counts = sr.dropna(subset=["mission_id"]).drop_duplicates(["objective", "mission_id"])
    counts = counts["mission_id"].value_counts()
    names = _mission_name(ds)
    top = names.get(counts.index[0], counts.index[0])
    others = [names.get(m, m) for m in counts.index[1:4]]
    phases = ds.phases[ds.phases["id"].isin(
        ["ilrs-reconnaissance", "ilrs-construction", "ilrs-utilization"])]
    phases = phases.sort_values("start_date")
    first = str(phases.iloc[0]["name"])
    construction = phases[phases["id"] == "ilrs-construction"].iloc[0]
    end_year = _year(construction["end_date"])
    return [
        NumericQuestion(
            prompt="How many objectives does the plan list, for all roles together?",
            answer=objectives,
            explanation=f"There are {objectives} objectives, spread over {roles} roles.",
            near={float(roles): "That is the number of roles. Count the different "
                  "(role, objective) pairs.",
                  float(len(sr)): "That counts a row for every mission of an objective. Count "
                  "each objective once: drop duplicates first."},
            why="ds.station_roles, columns role and objective: "
                "ds.station_roles[['role', 'objective']].drop_duplicates()",
            why_rows=lambda: sr[["role", "objective"]].drop_duplicates(),
        ),
        MultipleChoice(
            prompt="Which mission is linked to the most objectives?",
            options=_shuffled(top, others, "02-2"),
            correct=top,
            explanation=f"{top} appears under {int(counts.iloc[0])} objectives: it carries many "
                        "instruments.",
            hint="Count how often each mission_id appears in ds.station_roles.",
            why="ds.station_roles, column mission_id: .value_counts()",
            why_rows=lambda: counts.rename_axis("mission_id").reset_index(name="objectives"),
        ),
        MultipleChoice(
            prompt="Which ILRS phase comes first?",
            options=_shuffled(first, [str(x) for x in phases["name"]], "02-3"),
            correct=first,
            explanation=f"The {first} phase comes first: robots look around before anyone "
                        "builds.",
            hint="Sort the ILRS phases by start_date.",
            why="ds.phases, rows with ids starting 'ilrs-', column start_date",
            why_rows=lambda: phases[["id", "name", "start_date", "end_date"]],
        ),
        NumericQuestion(
            prompt="In the plan, by which year should the construction phase be finished?",
            answer=end_year,
            explanation=f"The roadmap has construction finish by {end_year}.",
            near={float(_year(construction["start_date"])): "That is when construction starts. "
                  "Look at end_date."},
            why="ds.phases, row ilrs-construction, column end_date",
            why_rows=lambda: phases[["id", "start_date", "end_date", "qualifier"]],
        ),
    ]


def _quiz_03(ds: Any) -> list[Question]:
    landing = _schedule(ds, "artemis-first-crewed-landing")
    first_target = _year(landing.iloc[0]["target_date"])
    last_target = _year(landing.iloc[-1]["target_date"])
    moved = last_target - first_target
    china = ds.phases.set_index("id").loc["china-first-crewed-landing"]
    china_year = _year(china["start_date"])
    revisions = ds.schedule_history["mission_id"].value_counts()
    names = _mission_name(ds)
    most = names.get(revisions.index[0], revisions.index[0])
    return [
        NumericQuestion(
            prompt="By how many years did the target for the first Artemis crewed landing move, "
                   "from the first announcement to the latest?",
            answer=moved, unit="years",
            explanation=f"The target moved from {first_target} to {last_target}: "
                        f"{moved} years later.",
            near={float(last_target): "That is the new target year. Subtract the first target "
                  "year from it.", float(-moved): "Subtract the other way round: the later "
                  "target minus the first one."},
            why="ds.schedule_history, rows with mission_id 'artemis-first-crewed-landing'",
            why_rows=lambda: landing[["announced_on", "target_date", "qualifier"]],
        ),
        MultipleChoice(
            prompt="Which plan was changed most often in our data?",
            options=_shuffled(most, [names.get(m, m) for m in revisions.index[1:4]], "03-2"),
            correct=most,
            explanation=f"{most} has {int(revisions.iloc[0])} announced targets in the table.",
            hint="Count the rows per mission_id in the schedule history.",
            why="ds.schedule_history, column mission_id: .value_counts()",
            why_rows=lambda: revisions.rename_axis("mission_id").reset_index(name="targets"),
        ),
        MultipleChoice(
            prompt=f"Which country aims to land its own astronauts on the Moon by {china_year}?",
            options=_shuffled("China", ["Russia", "India", "Japan"], "03-3"),
            correct="China",
            explanation=f"China's goal is a first crewed landing by {china_year}.",
            hint="Look for the goal rows in ds.phases (kind == 'goal').",
            why="ds.phases, row china-first-crewed-landing",
            why_rows=lambda: ds.phases[ds.phases["kind"] == "goal"][["id", "name", "start_date"]],
        ),
        MultipleChoice(
            prompt="What does a country do when it joins the Artemis Accords?",
            options=_shuffled(
                "It signs a set of shared principles for exploring space",
                ["It pays NASA to fly its astronauts", "It gives up its own space agency",
                 "It promises to build part of the ILRS"], "03-4"),
            correct="It signs a set of shared principles for exploring space",
            explanation="The Accords are principles (for example sharing data and avoiding "
                        "harmful interference); joining does not buy a seat on a rocket.",
            hint="Read the summary column of the Artemis Accords rows in ds.partners.",
            why="ds.partners and ds.framework_counts, framework 'Artemis Accords', column summary",
            why_rows=lambda: ds.framework_counts[["framework", "count", "summary"]],
        ),
    ]


def _quiz_04(ds: Any) -> list[Question]:
    sites = ds.sites
    polar = sites[(sites["kind"] == "crater") & (sites["lat"] <= -80)]
    polar = polar.dropna(subset=["diameter_km"]).sort_values("diameter_km", ascending=False)
    largest = str(polar.iloc[0]["name"])
    others = [str(x) for x in polar["name"].iloc[1:4]]
    shack = sites.set_index("id").loc["shackleton"]
    d = float(shack["diameter_km"])
    return [
        MultipleChoice(
            prompt="Why do so many missions aim for the Moon's south pole?",
            options=_shuffled(
                "Water ice may be trapped in craters that never see sunlight",
                ["It is the warmest part of the Moon", "It is the part closest to the Earth",
                 "It has no craters, so landing is easy"], "04-1"),
            correct="Water ice may be trapped in craters that never see sunlight",
            explanation="Ice could give drinking water, oxygen and rocket fuel; nearby rims "
                        "get sunlight for solar power most of the time.",
            hints={"It is the warmest part of the Moon": "The floors of polar craters are among "
                   "the coldest places we know. Why could that be useful?",
                   "It has no craters, so landing is easy": "Look at the map: it is full of "
                   "craters, which makes landing hard."},
            hint="Read the objective about water ice in ds.station_roles.",
            why="ds.station_roles, objective 'water ice and other volatiles at the poles'",
            why_rows=lambda: ds.station_roles[
                ds.station_roles["objective"].str.contains("ice", na=False)][
                ["objective", "mission_id", "summary"]],
        ),
        MultipleChoice(
            prompt="Which crater near the south pole (within 10° of it) is the widest in our "
                   "data?",
            options=_shuffled(largest, others, "04-2"),
            correct=largest,
            explanation=f"{largest} is {float(polar.iloc[0]['diameter_km']):g} km across.",
            hint="Sort the craters by diameter_km, largest first.",
            why="ds.sites, kind == 'crater' and lat <= -80, column diameter_km",
            why_rows=lambda: polar[["name", "lat", "lon", "diameter_km"]],
        ),
        NumericQuestion(
            prompt="About how many kilometres across is Shackleton crater?",
            answer=d, tolerance=max(1.0, d * 0.1), unit="km",
            explanation=f"Shackleton is about {d:g} km across, with the pole almost on its rim.",
            near={d / 2: "That is about the radius. The diameter is twice as big."},
            why="ds.sites, row shackleton, column diameter_km",
            why_rows=lambda: sites[sites["id"] == "shackleton"][["name", "lat", "diameter_km"]],
        ),
    ]


def _quiz_05(ds: Any) -> list[Question]:
    c = ds.article_claims
    held = int((c["verdict"] == "held").sum())
    changed = c[c["verdict"] == "changed"]["claim"].astype(str).tolist()
    held_claims = c[c["verdict"] == "held"]["claim"].astype(str).tolist()
    qs: list[Question] = [
        NumericQuestion(
            prompt="How many of the report's claims held (stayed true)?",
            answer=held,
            explanation=f"{held} of the {len(c)} claims held.",
            near={float(len(c)): "That is every claim. Count only the verdict 'held'."},
            why="ds.article_claims, column verdict: (verdict == 'held').sum()",
            why_rows=lambda: c["verdict"].value_counts().reset_index(),
        ),
    ]
    if changed:
        qs.append(MultipleChoice(
            prompt="Which claim of the report did NOT hold?",
            options=_shuffled(changed[0], held_claims[:3], "05-2"),
            correct=changed[0],
            explanation="This plan changed after 2021: see what_happened for that row.",
            hint="That one held. Look for the row whose verdict is 'changed'.",
            why="ds.article_claims, rows with verdict 'changed', column what_happened",
            why_rows=lambda: c[c["verdict"] != "held"][["claim", "what_happened", "verdict"]],
        ))
    qs.append(MultipleChoice(
        prompt="A claim is marked 'pending'. What does that mean?",
        options=_shuffled("We cannot tell yet: it is about something that has not happened",
                          ["It was false", "It was true", "Nobody checked it"], "05-3"),
        correct="We cannot tell yet: it is about something that has not happened",
        explanation="Pending claims are about the future; check them again when the data is "
                    "updated.",
        hint="Read what_happened for the pending row: is it finished yet?",
        why="ds.article_claims, rows with verdict 'pending'",
        why_rows=lambda: c[c["verdict"] == "pending"][["claim", "what_happened", "checked_on"]],
    ))
    return qs


LESSONS: dict[str, tuple[str, Callable[[Any], list[Question]]]] = {
    "00_start_here": ("Start here", _quiz_00),
    "01_partnership": ("The partnership", _quiz_01),
    "02_station_roles": ("Station roles", _quiz_02),
    "03_artemis_comparison": ("ILRS and Artemis", _quiz_03),
    "04_south_pole": ("The south pole", _quiz_04),
    "05_fact_check_2021": ("Fact check 2021", _quiz_05),
}


def lesson_quiz(lesson: str, ds: Any) -> Quiz:
    """The check-your-understanding quiz for one notebook, with answers taken from ``ds``."""
    try:
        title, build = LESSONS[lesson]
    except KeyError:
        raise KeyError(f"no quiz for {lesson!r}; choose one of: {', '.join(LESSONS)}") from None
    return Quiz(title, build(ds))


def answer_key(ds: Any) -> dict[str, list[tuple[str, str]]]:
    """Every question with its answer, per lesson (for the teacher guide)."""
    key: dict[str, list[tuple[str, str]]] = {}
    for lesson, (_, build) in LESSONS.items():
        rows = []
        for q in build(ds):
            ans = q.correct if isinstance(q, MultipleChoice) else f"{q.answer:g} {q.unit}".strip()
            rows.append((q.prompt, ans))
        key[lesson] = rows
    return key
