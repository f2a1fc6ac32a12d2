import sys

recipe = ["flour", "eggs", "sugar"]
before = sys.getrefcount(recipe)

alias = recipe  # a second name for the same list
shelf = [recipe]  # a list that holds a reference to it
print(f"after two new references: {sys.getrefcount(recipe) - before:+d}")

del alias, shelf
print(f"after deleting them:      {sys.getrefcount(recipe) - before:+d}")
