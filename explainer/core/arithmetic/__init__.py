"""Step-by-step arithmetic of convolution, pooling, fully connected units, softmax and loss.

Every operation returns a dataclass that keeps each intermediate number (patch, kernel, products,
sums, bias, activation ...) so that a window can draw them and the command line can print them
(`format_steps()`). The numbers are computed in float64 with numpy; the network computes in
float32 with torch, so the two agree to about 1e-6 (the tests hold them to 1e-5).

`explain_unit(model, trace, layer, channel, row, col)` applies these to one unit of the real
network, with the network's own weights and the inputs recorded in its Trace.

The package, one job a module (import from here; the modules are its inside):
  operations.py  the operations: activations, output size, parameter count, conv, pool, FC,
                 softmax, cross-entropy (unit by unit and vectorised)
  results.py     the dataclasses the operations return
  formatting.py  fmt and the text of the steps (format_steps, summary)
  network.py     explain_unit / explain_layer: the operations bound to a LeNet and its Trace

No torch and no Qt import here.
"""

from explainer.core.arithmetic.formatting import (
    ACTIVATION_FORMULAS,
    fmt,
    format_grid,
    output_size_formula,
    probability_text,
    signed_sum,
)
from explainer.core.arithmetic.network import (
    explain_layer,
    explain_unit,
    network_layers,
)
from explainer.core.arithmetic.operations import (
    ACTIVATIONS,
    LOG_BASES,
    PoolKind,
    activate,
    as_array,
    conv2d,
    conv_output_shape,
    conv_param_count,
    conv_unit,
    conv_units,
    cross_entropy,
    fc_layer,
    fc_unit,
    output_size,
    plan_conv,
    pool2d,
    pool_output_size,
    pool_unit,
    relu,
    scaled_tanh,
    sigmoid,
    softmax_steps,
    tanh,
)
from explainer.core.arithmetic.results import (
    Contribution,
    ConvChannelStep,
    ConvPlan,
    ConvUnitResult,
    CrossEntropyResult,
    FcUnitResult,
    PoolUnitResult,
    SoftmaxResult,
    UnitResult,
)
from explainer.core.config import SCALED_TANH_A, SCALED_TANH_S

__all__ = [
    "ACTIVATIONS",
    "ACTIVATION_FORMULAS",
    "LOG_BASES",
    "SCALED_TANH_A",
    "SCALED_TANH_S",
    "Contribution",
    "ConvChannelStep",
    "ConvPlan",
    "ConvUnitResult",
    "CrossEntropyResult",
    "FcUnitResult",
    "PoolKind",
    "PoolUnitResult",
    "SoftmaxResult",
    "UnitResult",
    "activate",
    "as_array",
    "conv2d",
    "conv_output_shape",
    "conv_param_count",
    "conv_unit",
    "conv_units",
    "cross_entropy",
    "explain_layer",
    "explain_unit",
    "fc_layer",
    "fc_unit",
    "fmt",
    "probability_text",
    "format_grid",
    "network_layers",
    "output_size",
    "output_size_formula",
    "plan_conv",
    "pool2d",
    "pool_output_size",
    "pool_unit",
    "relu",
    "scaled_tanh",
    "sigmoid",
    "signed_sum",
    "softmax_steps",
    "tanh",
]
