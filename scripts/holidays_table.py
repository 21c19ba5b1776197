#!/usr/bin/env python3
"""Write src/lorforge/data/us_federal_holidays.json from the `holidays` package (US, public), so that the plan does
not import the package (about 80 ms) on every start; tests/core/test_workdays.py checks it still agrees.

    .venv/bin/python scripts/holidays_table.py
"""

from __future__ import annotations

import json
import sys

from lorforge.core.workdays import TABLE, TABLE_YEARS, from_library


def main() -> int:
    table = {str(year): {d.isoformat(): name for d, name in sorted(from_library(year).items())} for year in TABLE_YEARS}
    TABLE.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {TABLE} ({len(table)} years)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
