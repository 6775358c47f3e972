"""Hand-written pages' Jinja runs in a sandbox that knows only our macros.

mkdocs-macros renders every page with a plain Jinja environment and passes it the whole MkDocs
configuration, the plugin object and its own helper macros (some of which read files): `{{ config }}`
would publish the configuration, and an expression through a global could run code during the
build. The plugin has no sandbox option, so after it builds its environment (its on_config runs
before the hooks' one) the environment is swapped for Jinja's ImmutableSandboxedEnvironment with the
same delimiters, our page macros as the only globals besides Jinja's own, Jinja's own filters, and
no template variables at all.
"""

from __future__ import annotations

import logging

from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

log = logging.getLogger("mkdocs.plugins.myelopathy_guide")

PAGE_VARIABLES: frozenset[str] = frozenset()
"""Template variables pages may read: none, since the macros know the page they are called on."""


class PageSandbox(ImmutableSandboxedEnvironment):
    page_path = staticmethod(lambda: "a page")
    """Returns the path of the page being rendered, for messages (set by sandbox_page_templates)."""

    def from_string(self, source, globals=None, template_class=None):
        return _WithoutVariables(super().from_string(source, globals, template_class), self)


class _WithoutVariables:
    """A template that drops every variable the plugin passes, keeping only PAGE_VARIABLES."""

    def __init__(self, template, env: PageSandbox):
        self._template, self._env = template, env

    def render(self, *args, **variables):
        try:
            return self._template.render({k: v for k, v in variables.items() if k in PAGE_VARIABLES})
        except (SecurityError, UndefinedError) as exc:
            names = ", ".join(sorted(n for n in self._env.globals if n not in _JINJA_GLOBALS))
            log.error(
                "%s: the page's template uses something pages cannot reach (%s); pages may call only: %s",
                self._env.page_path(),
                exc,
                names,
            )
            raise


_JINJA_GLOBALS = frozenset(ImmutableSandboxedEnvironment().globals)


def sandbox_page_templates(plugin, macro_names) -> None:
    """Replace the macros plugin's Jinja environment by a sandbox exposing only `macro_names`."""
    current = plugin.env
    sandbox = PageSandbox(
        undefined=current.undefined,
        variable_start_string=current.variable_start_string,
        variable_end_string=current.variable_end_string,
        block_start_string=current.block_start_string,
        block_end_string=current.block_end_string,
        comment_start_string=current.comment_start_string,
        comment_end_string=current.comment_end_string,
        autoescape=False,
    )
    sandbox.globals.update({name: plugin.macros[name] for name in macro_names})
    sandbox.page_path = lambda: f"docs/{plugin.page.file.src_path}" if plugin.page else "a page"
    plugin._env = sandbox
