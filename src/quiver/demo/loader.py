"""Loading the demo library on first start. (Placeholder until the generator lands.)"""


def ensure_demo(echo=print) -> None:
    echo("demo: not yet available")
