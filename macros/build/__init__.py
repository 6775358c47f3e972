"""The MkDocs glue: the hooks (mkdocs.yml points at build/hooks.py), the macros plugin's wiring,
the page-template sandbox, the live preview's state and rebuilds, the search worker, publishing.

Imports from data/ and pages/, never from tools/ (tests/test_layout.py checks it).
"""
