#!/usr/bin/python3
"""Derives the small datasets shipped in samples/data/ from Debian packages (offline, deterministic).

Run with Debian's interpreter after `apt-get install wamerican wfrench wngerman witalian wspanish wportuguese
python3-statsmodels`:

    /usr/bin/python3 tools/data/make_datasets.py [--seed 2026] [--per-language 3000] [--out samples/data]

Outputs (UTF-8, '\n' line ends):
  language-words.tsv  Word<TAB>Language, `--per-language` words for each of six languages
  sunspots.csv        Year,Sunspots   yearly sunspot numbers 1700-2008 (statsmodels' sunspots dataset)
  co2-weekly.csv      Date,Co2,Interpolated   weekly Mauna Loa CO2 (ppm) 1958-2001 (statsmodels' co2 dataset);
                      the 59 missing weeks are filled by linear interpolation in time and flagged Interpolated=1
  PROVENANCE.md       package versions, licences and the rules below

Word rules: a word list line is kept when, after Unicode NFC normalisation, it is made of letters only (no
apostrophes, hyphens or digits), is 4-14 letters long, and is not capitalised -- except German, whose nouns are
capitalised, so German words are lower-cased instead. Words present in more than one of the six lists (after
lower-casing) are dropped, so every word has exactly one language. A seeded random sample of the rest is taken per
language and the rows are shuffled with the same seed.
"""
import argparse
import os
import random
import subprocess
import unicodedata

LISTS = [  # (language, Debian package, file)
    ("English", "wamerican", "/usr/share/dict/american-english"),
    ("French", "wfrench", "/usr/share/dict/french"),
    ("German", "wngerman", "/usr/share/dict/ngerman"),
    ("Italian", "witalian", "/usr/share/dict/italian"),
    ("Spanish", "wspanish", "/usr/share/dict/spanish"),
    ("Portuguese", "wportuguese", "/usr/share/dict/portuguese"),
]


def package_version(package):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=True).stdout


def read_words(language, path):
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            word = unicodedata.normalize("NFC", line.strip())
            if not (4 <= len(word) <= 14) or not word.isalpha():
                continue
            if word[0].isupper():
                if language != "German":
                    continue
                word = word.lower()
            if word != word.lower():
                continue
            words.add(word)
    return words


def write_atomic(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--per-language", type=int, default=3000)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "samples", "data"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)

    by_language = {language: read_words(language, path) for language, _, path in LISTS}
    seen = {}
    for words in by_language.values():
        for word in words:
            seen[word] = seen.get(word, 0) + 1
    rows, stats = [], []
    for language, package, path in LISTS:
        unique = sorted(w for w in by_language[language] if seen[w] == 1)
        sample = rng.sample(unique, args.per_language)
        rows += [(w, language) for w in sample]
        stats.append((language, package, package_version(package), path, len(by_language[language]), len(unique)))
    rng.shuffle(rows)
    write_atomic(os.path.join(args.out, "language-words.tsv"), "Word\tLanguage\n" + "".join(f"{w}\t{l}\n" for w, l in rows))

    import statsmodels
    import statsmodels.api as sm
    sun = sm.datasets.sunspots.load_pandas().data
    write_atomic(os.path.join(args.out, "sunspots.csv"),
                 "Year,Sunspots\n" + "".join(f"{int(y)},{v:g}\n" for y, v in zip(sun["YEAR"], sun["SUNACTIVITY"])))
    co2 = sm.datasets.co2.load_pandas().data["co2"]
    missing = co2.isna()
    filled = co2.interpolate(method="time")
    write_atomic(os.path.join(args.out, "co2-weekly.csv"),
                 "Date,Co2,Interpolated\n" + "".join(
                     f"{d.date().isoformat()},{v:.2f},{int(m)}\n" for d, v, m in zip(filled.index, filled.values, missing.values)))

    lines = ["# Provenance of samples/data", "",
             f"Made by `tools/data/make_datasets.py --seed {args.seed} --per-language {args.per_language}` (see its docstring for the rules); "
             "regenerate with the same command to get byte-identical files.", "",
             "## language-words.tsv", "",
             f"{args.per_language} words per language, {len(rows)} rows. Sources (Debian packages):", "",
             "| language | package | version | file | words kept by the rules | of those in no other list |",
             "| --- | --- | --- | --- | ---: | ---: |"]
    lines += [f"| {l} | {p} | {v} | {f} | {n} | {u} |" for l, p, v, f, n, u in stats]
    lines += ["", "Licences (from /usr/share/doc/<package>/copyright): wamerican (SCOWL) public domain; wfrench GPL-2+; "
              "wngerman GPL-2+; witalian GPL-3+; wspanish public domain word list; wportuguese GPL-2+. The sample "
              "is a small derived list used as test data.", "",
              "## sunspots.csv", "",
              f"Yearly mean sunspot numbers 1700-2008 ({len(sun)} rows) from statsmodels {statsmodels.__version__} "
              f"(Debian python3-statsmodels {package_version('python3-statsmodels')}), dataset `sunspots` "
              "(public domain; source: the statsmodels dataset description, SIDC/NGDC).", "",
              "## co2-weekly.csv", "",
              f"Weekly atmospheric CO2 at Mauna Loa, ppm, {co2.index[0].date()} to {co2.index[-1].date()} ({len(co2)} rows) "
              f"from the same statsmodels package, dataset `co2` (public domain; Scripps Institution of Oceanography "
              f"flask data via CDIAC). {int(missing.sum())} missing weeks are filled by linear interpolation in time and "
              "flagged `Interpolated=1`.", ""]
    write_atomic(os.path.join(args.out, "PROVENANCE.md"), "\n".join(lines))


if __name__ == "__main__":
    main()
