"""Editors' and clinics' commands: `python -m macros.tools.cli` (check, lint, new, schemas, build,
nginx) and the readability report. May import from every other folder.
"""
