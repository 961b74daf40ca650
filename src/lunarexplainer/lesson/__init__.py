"""The lesson side: quizzes, exercise checkers, the lesson manifest and the teacher guide.

* :mod:`.quiz`: the quiz engine (``quiz.lesson_quiz("01_partnership", ds)`` in a notebook);
  the questions themselves are data, one file per lesson in ``quizzes/<lesson>.toml``, read and
  checked by :mod:`.content`. Their answers come from :mod:`lunarexplainer.facts`.
* :mod:`.exercises`: checkers for the coding exercises of notebook 05.
* :mod:`.manifest`: ``lessons.toml``, the lessons in order with the charts each one shows.
* :mod:`.guide`: writes the generated parts of the teacher guide and the README's lesson table
  (``lunarexplainer guide``).
"""
