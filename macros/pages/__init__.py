"""Pages: Markdown for every generated page, the extras every page gets, the macros hand-written
pages call, and the clinic's branding; the Jinja templates live in templates/.

Imports from data/ only, never from build/ or tools/ (tests/test_layout.py checks it).
"""
