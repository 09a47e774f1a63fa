"""Regenerate every cheatsheet figure: ``python -m kata.figures [kata id ...]``."""

import argparse

from kata.figures import all_figures, render


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kata.figures", description=__doc__)
    parser.add_argument("katas", nargs="*", help="only the figures of these kata ids")
    args = parser.parse_args(argv)
    for spec in all_figures():
        if not args.katas or spec.kata_id in args.katas:
            print(f"{spec.kata_id}: {render(spec)}")


if __name__ == "__main__":
    main()
