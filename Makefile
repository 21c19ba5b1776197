# LORforge: `make run` starts the app on SQLite; `make test` runs every test (SQLite, then PostgreSQL).
.PHONY: run test lint test-dates test-sqlite test-postgres install install-test demo eval bench clean

PYTEST_ARGS ?=
export LORFORGE_DATA_DIR ?= $(CURDIR)/data
export UV_PYTHON_DOWNLOADS := never

install:
	@scripts/bootstrap --no-dev --inexact  # keeps test tools if they are there

install-test:
	@scripts/bootstrap
	@scripts/ensure-chromium

run: install
	.venv/bin/lorforge serve

demo: install
	.venv/bin/lorforge demo

test: install-test lint
	@scripts/run-tests $(PYTEST_ARGS)

# The code's rules (ruff's lint and format) and its layers (import-linter contracts in pyproject.toml).
lint: install-test
	.venv/bin/ruff check src tests scripts bench
	.venv/bin/ruff format --check src tests scripts bench
	.venv/bin/lint-imports

test-dates: install-test
	@scripts/test-dates $(PYTEST_ARGS)

test-sqlite: install-test
	LORFORGE_TEST_DB=sqlite .venv/bin/pytest -n auto $(PYTEST_ARGS)

test-postgres: install-test
	LORFORGE_TEST_DB=postgres .venv/bin/pytest -n auto $(PYTEST_ARGS)

# Every script, email and one-page helper for a matrix of rotations and names, to read as an attending would:
# build/gallery/index.html plus the PDFs and .eml files. The day is fixed so the output does not depend on the clock.
GALLERY_DAY ?= 2026-11-24
gallery: install
	.venv/bin/python scripts/gallery.py --out build/gallery --today $(GALLERY_DAY)

clean:
	rm -rf .venv build
