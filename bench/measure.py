"""Run one `mkdocs build` in this process and print its wall time, CPU time and peak memory as JSON.

Run as a fresh subprocess per build, so that ru_maxrss is the peak of that build alone.
usage: python bench/measure.py PROJECT_DIR SITE_DIR
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def main() -> int:
    project, site = Path(sys.argv[1]), Path(sys.argv[2])
    os.chdir(project)
    sys.path.insert(0, str(project))
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    started = time.perf_counter()
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before  # steadier than wall time on a busy machine
    print(json.dumps({"wall_s": wall, "cpu_s": cpu, "peak_mb": usage.ru_maxrss / 1024}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
