"""The linked layer panels (NetworkView): layout planning, rendering, hover linking, the view."""

from explainer.gui.network.view import NetworkView

__all__ = ["NetworkView"]
