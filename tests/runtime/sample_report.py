"""A long, varied English document (a made-up annual report of harbours), deterministic; for the real-model
summary test and bench/bench_summarize.py."""

TOWNS = ("Arden", "Belmont", "Carrow", "Dunmore", "Elgin", "Fairhaven", "Glenrock", "Hollis")
GOODS = ("grain", "timber", "coal", "wool", "salt", "fish", "iron", "cloth")
SENTENCES = (
    "The port of {town} handled {n} ships carrying {good} during the year.",
    "Revenue from {good} rose by {p} percent compared with the previous season.",
    "The harbour master of {town} reported that storms closed the quays for {d} days.",
    "A new warehouse for {good} was opened in {town}, employing {e} workers.",
    "Ferries between {town} and the islands carried {n} passengers.",
    "The council of {town} approved repairs to the breakwater costing {c} pounds.",
)


def report(paragraphs: int) -> str:
    out = []
    for index in range(paragraphs):
        values = dict(town=TOWNS[index % len(TOWNS)], good=GOODS[(index * 3) % len(GOODS)], n=120 + index * 7,
                      p=index % 13 + 2, d=index % 9 + 1, e=20 + index % 50, c=1000 + index * 35)
        out.append(" ".join(sentence.format(**values) for sentence in SENTENCES))
    return "\n\n".join(out)
