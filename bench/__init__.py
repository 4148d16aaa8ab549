"""The benchmark of the policy bot: `policybot bench` (bench.run.main) writes bench/RESULTS.md.

- `run`: the whole measurement, section by section;
- `baselines`: the two obvious matchers ours is compared with;
- `synthetic`: larger knowledge bases recombined from the shipped one;
- the loopback stand-in for the Telegram Bot API is `tests/botapi_double.py`, shared with the tests.
"""
