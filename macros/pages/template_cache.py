"""Compiled Jinja templates, kept between builds.

Every build makes new Jinja environments (MkDocs makes the theme's, pages/render.py makes the page
templates'), and each compiled every template it used again: about a fifth of a second of Material's
templates per build. COMPILED keeps the compiled code in memory (the preview's rebuilds, in one
process) and, once `keep_in` names a folder, on disk (one-off builds: the project's .cache/templates/).

It is Jinja's own bytecode cache (jinja2.BytecodeCache), so Jinja decides what is still valid: an entry
is used only while the template's source is the one it was compiled from, and only by the Jinja and
Python versions that wrote it. Jinja's key is the template's name and file alone; here it also holds
every setting of the environment that changes the compiled code (delimiters, whitespace handling,
autoescaping, extensions, policies), so two environments that compile the same file differently never
share an entry. A folder that cannot be written is not an error: the templates are compiled as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sys
import tempfile
from pathlib import Path

import jinja2
import jinja2.bccache

log = logging.getLogger("mkdocs.plugins.myelopathy_guide")


def compile_settings(env: jinja2.Environment) -> tuple:
    """Everything about an environment that changes the code Jinja compiles a template into."""
    return (
        jinja2.__version__,
        sys.version,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        repr(env.autoescape),  # a function's repr names the object: another process never shares it
        env.optimized,
        env.is_async,
        env.finalize is not None,
        getattr(env, "newstyle_gettext", None),
        tuple(sorted(env.extensions)),
        tuple(sorted((key, repr(value)) for key, value in env.policies.items())),
    )


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}
        self.folder: Path | None = None

    def keep_in(self, folder: Path) -> None:
        """Also keep compiled templates in `folder`, for the next build."""
        self.folder = folder

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str):
        key = hashlib.sha1(repr((name, filename, compile_settings(environment))).encode()).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])
            if bucket.code is not None:
                return
        if self.folder is None:
            return
        try:
            saved = (self.folder / f"{bucket.key}.jinja").read_bytes()
        except OSError:
            return
        bucket.bytecode_from_string(saved)  # Jinja resets the bucket if the source or its version differ
        if bucket.code is not None:
            self.code[bucket.key] = saved

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        saved = bucket.bytecode_to_string()
        self.code[bucket.key] = saved
        if self.folder is not None:
            _write_atomically(self.folder / f"{bucket.key}.jinja", saved)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write whole or not at all: a build beside this one reads the old file or the new one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError as exc:
        log.debug("compiled template not kept in %s: %s", path.parent, exc)
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        log.debug("compiled template not kept in %s: %s", path.parent, exc)
        with contextlib.suppress(OSError):
            os.unlink(temporary)


COMPILED = CompiledTemplates()
