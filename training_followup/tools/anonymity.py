"""The small-group rule of the anonymous questionnaire (P3.1.4), no model:
which groups of answers a grouped view or a release may show (docs/anonymity.md)."""


def hidden_groups(rows, width, minimum, hidden=()):
    """The indexes of the groups of `rows` to leave out (P3.1.4): each row is
    the `width` grouped values then, last, its number of answers. Every group
    of fewer than `minimum` answers is left out, and so are the groups of
    `hidden` (e.g. the sheets without a department); then, complementary
    suppression: among groups that differ in one grouped value only, the
    groups left out hold either no answer or at least `minimum`, else the
    smallest group shown is left out too. So no total minus the groups shown
    isolates fewer answers than the minimum."""
    counts = [row[-1] for row in rows]
    hidden = set(hidden) | {i for i, count in enumerate(counts) if count < minimum}
    changed = bool(hidden) and width > 0
    while changed:
        changed = False
        for position in range(width):
            siblings = {}
            for index, row in enumerate(rows):
                key = row[:position] + row[position + 1 : width]
                siblings.setdefault(key, []).append(index)
            for members in siblings.values():
                left_out = sum(counts[i] for i in members if i in hidden)
                shown = [i for i in members if i not in hidden]
                if 0 < left_out < minimum and shown:
                    hidden.add(min(shown, key=lambda i: (counts[i], i)))
                    changed = True
    return hidden
