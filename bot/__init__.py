"""Guangzhou 12218 policy bot: a sourced explainer of the 12218 modern industrial system."""
