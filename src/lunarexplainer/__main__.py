"""``python -m lunarexplainer``: the same commands as the ``lunarexplainer`` script."""

from lunarexplainer.cli import main

raise SystemExit(main())
