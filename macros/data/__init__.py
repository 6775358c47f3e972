"""The data layer: YAML files to validated models to the link graph, with every problem found.

Imports nothing from pages/, build/ or tools/ (tests/test_layout.py checks it).
"""
