#!/usr/bin/env python3
"""Aggregates a dotnet-trace speedscope file (evented profiles) by method, over a time window.

    dotnet-trace collect --format speedscope -o /tmp/g.nettrace -- dotnet <GeneratorBenchmarks.dll> size 300
    python3 scripts/speedscope-top.py /tmp/g.speedscope.json --window '<PrintSize>b__6'            # top frames, inclusive
    python3 scripts/speedscope-top.py /tmp/g.speedscope.json --window '<PrintSize>b__6' --under 'CompanionBuilder.BuildSource'

--window: only the time between the first and last event of a frame whose name contains this text (in `size`,
`<PrintSize>b__6` is the fresh run in a warm process). --under: the direct callees of the frame whose name contains
this text, with their inclusive time. Times are the sampled (wall-clock) milliseconds of all threads.
"""
import argparse
import collections
import json


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--window", help="text of a frame whose first and last events bound the time aggregated")
    parser.add_argument("--under", help="text of a frame whose direct callees are listed")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()

    data = json.load(open(args.file))
    names = [frame["name"] for frame in data["shared"]["frames"]]
    start, end = window(data, names, args.window)
    inclusive = collections.Counter()
    total = 0.0
    for profile in data["profiles"]:
        stack, last = [], None
        for event in profile["events"]:
            at = event["at"]
            if last is not None and stack:
                spent = min(at, end) - max(last, start)
                frames = attributed(stack, names, args.under) if spent > 0 else set()
                if frames:
                    total += spent
                    for frame in frames:
                        inclusive[frame] += spent
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            else:
                stack.pop()

    print(f"{total:.0f} ms sampled in the window" + (f" under {args.under}" if args.under else ""))
    for frame, spent in inclusive.most_common(args.top):
        print(f"{spent:9.0f} {100 * spent / max(total, 1e-9):5.1f}%  {frame[:170]}")


def window(data, names, text):
    if not text:
        return float("-inf"), float("inf")
    times = [event["at"] for profile in data["profiles"] for event in profile["events"] if text in names[event["frame"]]]
    return min(times), max(times)


def attributed(stack, names, under):
    """The frames a sample counts for: each distinct frame of the stack, or the callee below `under` (or its own time)."""
    if not under:
        return {names[frame] for frame in stack}
    positions = [i for i, frame in enumerate(stack) if under in names[frame]]
    if not positions:
        return set()
    below = positions[-1] + 1
    return {names[stack[below]] if below < len(stack) else "<own time>"}


if __name__ == "__main__":
    main()
