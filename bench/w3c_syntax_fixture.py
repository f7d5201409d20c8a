"""Write tests/fixtures/sparql/w3c-syntax.json from a local copy of w3c/rdf-tests.

The fixture holds the query and update files of the W3C SPARQL 1.0, 1.1 and 1.2 test suites'
syntax folders (positive and negative): what ``tests/test_sparql_grammar.py`` sends to the
engine and to kg's parser, to check that the parser reads everything the engine reads. The
suites are under the W3C test suite licence (3-clause BSD option), see
tests/fixtures/sparql/W3C-LICENSE.md. Usage::

    python bench/w3c_syntax_fixture.py /path/to/rdf-tests   # a git checkout or mirror
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "sparql" / "w3c-syntax.json"
FOLDERS = ("sparql/sparql10/syntax-sparql", "sparql/sparql11/syntax-", "sparql/sparql12/syntax",
           "sparql/sparql12/codepoint-escapes", "sparql/sparql12/version",
           "sparql/sparql12/lang-basedir")


def main() -> None:
    repo = sys.argv[1]
    names = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "HEAD", "--name-only"],
                           capture_output=True, text=True, check=True).stdout.split()
    cases = []
    for name in sorted(names):
        if not name.endswith((".rq", ".ru")) or not name.startswith(FOLDERS):
            continue
        raw = subprocess.run(["git", "-C", repo, "show", f"HEAD:{name}"],
                             capture_output=True, check=True).stdout
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        cases.append({"name": name, "update": name.endswith(".ru"), "text": text})
    OUT.write_text(json.dumps(cases, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
