// clew-bench: measured in the benchmark issue work; see DESIGN.md §10.
print("clew-bench: not built yet")
