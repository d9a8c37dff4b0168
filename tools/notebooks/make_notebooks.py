#!/usr/bin/env python3
"""Writes the .NET notebooks under notebooks/ from the sample programs whose cells they are.

CI cannot run a notebook (.NET Interactive is not available to it), so each notebook is generated from a sample
program that CI builds and runs: the program's cells, marked by comment lines, become the notebook's cells, and
`--check` fails when a committed notebook differs from what its program gives (the tests run it). Stdlib only.

Cell markers in the program (see samples/NotebookLanguageTour/Program.cs):

    // ── cell: markdown      the following "// " comment lines, unprefixed, form a markdown cell
    // ── cell: code          the following lines form a C# code cell
    // ── cell: setup         a code cell with #r lines for the built assemblies and the program's using directives
    // ── cell: file NAME     a code cell holding the file NAME next to the program (types later cells use)

Lines above the first marker are the program's header: only its `using` directives are used (in the setup cell).
A code line ending in `// notebook: TEXT` is written as TEXT, keeping its indentation (the one place where the
notebook and the program differ, such as a data path relative to notebooks/).

Usage:
    python3 tools/notebooks/make_notebooks.py            # (re)write the notebooks
    python3 tools/notebooks/make_notebooks.py --check    # exit 1, with a diff, if one is out of date
"""

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# (sample program, notebook), relative to the repository root.
NOTEBOOKS = [
    ("samples/NotebookLanguageTour/Program.cs", "notebooks/language-tour.ipynb"),
]

# The built library as seen from notebooks/ after `dotnet build -c Release` (MLNet.Recurrent's output folder holds a
# copy of the engine it was built against), and the engine's project, whose package references the notebook restores.
LIBRARY_BIN = "../src/MLNet.Recurrent/bin/Release/net10.0"
ASSEMBLIES = ["MLNet.Recurrent.Engine.dll", "MLNet.Recurrent.dll"]
ENGINE_PROJECT = "src/MLNet.Recurrent.Engine/MLNet.Recurrent.Engine.csproj"

MARKER = re.compile(r"^// ── cell: (?P<kind>markdown|code|setup|file (?P<file>[\w.-]+))\s*$")
USING = re.compile(r"^using [A-Za-z_][\w.]*;$")
PACKAGE = re.compile(r'<PackageReference Include="(?P<name>[^"]+)" Version="(?P<version>[^"]+)"\s*/>')
SUBSTITUTION = "// notebook: "

KERNEL_METADATA = {
    "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
    "language_info": {"name": "polyglot-notebook"},
    "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}},
}
CODE_METADATA = {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}


class CellError(Exception):
    """A program whose cells cannot be turned into a notebook; the message names the file and line."""


def source_lines(text):
    """nbformat's multi-line string: the lines, each but the last ending in a newline."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def markdown_cell(text):
    return {"cell_type": "markdown", "metadata": {}, "source": source_lines(text)}


def code_cell(text):
    return {"cell_type": "code", "execution_count": None, "metadata": CODE_METADATA, "outputs": [], "source": source_lines(text)}


def trimmed(lines):
    """The lines without leading and trailing blank lines, joined."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])


def substitute(line):
    """A code line as the notebook has it: `code // notebook: TEXT` becomes TEXT with the line's indentation."""
    at = line.find(SUBSTITUTION)
    if at < 0:
        return line, False
    indentation = line[: len(line) - len(line.lstrip())]
    return indentation + line[at + len(SUBSTITUTION):].strip(), True


def setup_text(usings):
    """The first code cell: the package the engine needs, the built assemblies, the program's using directives."""
    project = (ROOT / ENGINE_PROJECT).read_text(encoding="utf-8")
    packages = [f'#r "nuget: {m["name"]}, {m["version"]}"' for m in PACKAGE.finditer(project)]
    assemblies = [f'#r "{LIBRARY_BIN}/{name}"' for name in ASSEMBLIES]
    comment = ("// The assemblies built by `dotnet build -c Release` in the repository root, by paths relative to this"
               " folder,\n// and the one package the engine uses.")
    return "\n".join(packages + assemblies) + "\n" + comment + "\n\n" + "\n".join(usings)


def read_cells(program):
    """The notebook cells of `program` (a Path), in order."""
    text = program.read_text(encoding="utf-8").replace("\r\n", "\n")
    lines = text.split("\n")
    where = lambda number: f"{program.relative_to(ROOT)}:{number}"
    first = next((i for i, line in enumerate(lines) if MARKER.match(line)), None)
    if first is None:
        raise CellError(f"{program.relative_to(ROOT)}: no '// ── cell:' marker; expected the notebook's cells.")

    usings = []
    for number, line in enumerate(lines[:first], 1):
        if USING.match(line):
            usings.append(line)
        elif line.strip() and not line.startswith("//"):
            raise CellError(f"{where(number)}: expected comments and using directives above the first cell, got '{line}'.")

    # Split into (kind, file, marker line number, body lines with their numbers).
    blocks = []
    for number, line in enumerate(lines[first:], first + 1):
        match = MARKER.match(line)
        if match:
            blocks.append((match["kind"].split(" ")[0], match["file"], number, []))
        else:
            blocks[-1][3].append((number, line))

    cells, substitutions, seen_setup = [], 0, False
    for kind, file_name, number, body in blocks:
        content = [line for _, line in body]
        if kind == "markdown":
            for line_number, line in body:
                if line.strip() and not line.startswith("//"):
                    raise CellError(f"{where(line_number)}: a markdown cell holds only '//' comment lines, got '{line}'.")
            markdown = trimmed([line[3:] if line.startswith("// ") else line[2:] for line in content])
            if not markdown:
                raise CellError(f"{where(number)}: empty markdown cell.")
            cells.append(markdown_cell(markdown))
            continue

        if kind in ("setup", "file") and trimmed(content):
            raise CellError(f"{where(number)}: a '{kind}' cell is written by this script; expected no lines under its marker.")
        if kind == "setup":
            if seen_setup or any(cell["cell_type"] == "code" for cell in cells):
                raise CellError(f"{where(number)}: the setup cell must be the first code cell, and the only one.")
            seen_setup = True
            cells.append(code_cell(setup_text(usings)))
            continue

        if not seen_setup:
            raise CellError(f"{where(number)}: a code cell before the setup cell would run without the library.")
        if kind == "file":
            included = program.parent / file_name
            if not included.is_file():
                raise CellError(f"{where(number)}: {file_name} not found next to the program.")
            content = included.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
        code = []
        for line in content:
            line, replaced = substitute(line)
            substitutions += replaced
            code.append(line)
        code = trimmed(code)
        if not code:
            raise CellError(f"{where(number)}: empty code cell.")
        cells.append(code_cell(code))

    if not seen_setup:
        raise CellError(f"{program.relative_to(ROOT)}: no '// ── cell: setup' marker; expected one before the first code cell.")
    if substitutions > 1:
        raise CellError(f"{program.relative_to(ROOT)}: {substitutions} '{SUBSTITUTION}' lines; expected at most one place where the notebook differs.")
    return cells


def notebook_text(program):
    """The notebook of `program` as written to disk: stable JSON (sorted keys, one-space indent), no outputs."""
    notebook = {"cells": read_cells(program), "metadata": KERNEL_METADATA, "nbformat": 4, "nbformat_minor": 2}
    return json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a notebook is out of date")
    args = parser.parse_args()
    stale = 0
    for program, target in NOTEBOOKS:
        try:
            expected = notebook_text(ROOT / program)
        except CellError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        path = ROOT / target
        actual = path.read_text(encoding="utf-8") if path.is_file() else ""
        if actual == expected:
            print(f"{target}: up to date with {program}")
        elif args.check:
            stale += 1
            print(f"{target}: out of date with {program}; run python3 tools/notebooks/make_notebooks.py", file=sys.stderr)
            diff = difflib.unified_diff(actual.splitlines(), expected.splitlines(), target, f"{target} from {program}", lineterm="", n=1)
            print("\n".join(list(diff)[:40]), file=sys.stderr)
        else:
            path.write_text(expected, encoding="utf-8", newline="\n")
            print(f"{target}: written from {program}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
