"""The ``--precision`` option of every command that loads a model."""

from __future__ import annotations

import argparse

from runtime.export import PRECISIONS
from runtime.export.precision import AUTO

HELP = ("auto (the default): fp16 on CUDA; on the CPU fp32 below 500M parameters, int8 below 1B, int4 from 1B. "
        "fp32: exact; int8: 8-bit weights, about 2x faster than fp32 and nearly as exact; "
        "int4: 4-bit weights, the smallest and fastest, least exact on small models; fp16: CUDA only")


def add_precision_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--precision", choices=(AUTO, *PRECISIONS), default=AUTO, help=HELP)
