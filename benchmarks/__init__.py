"""Benchmarks for nianbao: a corpus generator and a harness that writes RESULTS.md.

python -m benchmarks corpus --count 10000 --out benchmarks/corpus   # write drafts to disk
python -m benchmarks compare --out /tmp/cmp                          # findings a speed-up must keep
python -m benchmarks run                                            # measure everything
python -m benchmarks run --quick                                    # smaller samples
"""
