"""Running axe-core in a page: one home for the rules, the script's location and the report.

axe-core comes from its npm package (``.ci/run`` installs it under ``.cache/npm/``) or from
the file named by MATURITY_AXE_JS; nothing is fetched at run time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
AXE_IN_REPO = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
#: The WCAG 2.2 AA rule sets (axe's tags).
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Rules axe files as best practice that the app holds itself to as well.
ALSO = ["heading-order", "page-has-heading-one", "landmark-one-main", "region"]


def axe_path() -> Path:
    """axe-core's script: MATURITY_AXE_JS, else the copy `.ci/run` installs."""
    return Path(os.environ.get("MATURITY_AXE_JS") or AXE_IN_REPO)


def run_axe(page: Any, script: Path, where: str, also: list[str] | None = None) -> dict[str, Any]:
    """Run axe-core on ``page`` (the WCAG rule sets, plus the rules named in ``also``); print
    every violation with where it was seen; return axe's whole result."""
    page.add_script_tag(path=str(script))
    tags = page.evaluate(
        """([rules, also]) => axe.run(document, {runOnly: {type: 'tag', values: rules}})
            .then(async first => {
                if (!also.length) return first;
                const more = await axe.run(document, {runOnly: {type: 'rule', values: also}});
                first.violations.push(...more.violations);
                return first;
            })""",
        [RULES, also or []],
    )
    for v in tags["violations"]:
        targets = [node["target"] for node in v["nodes"]][:5]
        print(f"axe {where}: {v['impact']} {v['id']}: {v['help']} at {targets}")
        print(f"axe {where}: first of them: {v['nodes'][0]['html'][:300]}")
    print(f"axe {where}: {len(tags['passes'])} rules passed, {len(tags['violations'])} failed")
    return dict(tags)


def serious(result: dict[str, Any]) -> list[str]:
    """The ids of the serious or critical violations of an axe result."""
    return [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
