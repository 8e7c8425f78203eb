"""Errors a user can cause. Each message says what was expected and what was found."""


class ExplainerError(Exception):
    """Base class of every error the user can cause; the CLI and GUI show its message."""


class ConfigError(ExplainerError):
    """A model configuration whose layer sizes do not fit together."""


class CheckpointError(ExplainerError):
    """A file that cannot be loaded as a checkpoint."""


class ImageError(ExplainerError):
    """An image that cannot be used as network input."""


class DatasetError(ExplainerError):
    """A dataset that is missing or malformed."""


class ShapeError(ExplainerError):
    """Arrays, strides or paddings that do not fit together (e.g. a stride that does not fit)."""
