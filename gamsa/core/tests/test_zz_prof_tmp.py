import cProfile, pstats, pytest
from gamsa.core.tests.test_permissions import *  # noqa
def test_prof(client, login, world, settings):
    login("head")
    client.get("/org/")
    pr = cProfile.Profile(); pr.enable()
    for _ in range(5): client.get("/org/")
    pr.disable()
    pstats.Stats(pr).sort_stats("cumulative").print_stats(35)
