package com.optaic.operators.kernels;

/**
 * The computation behind an operator. Each kind of operator has its own shape of kernel, chosen so that a
 * kernel never sees more than it needs: one asset's series, one date's cross-section, or one date's values
 * with their group codes. Kernels are pure functions of their inputs and safe to call from many threads.
 * NaN means "no value"; what each kernel does with it is part of its documented semantics.
 */
public sealed interface Kernel permits ElementwiseKernel, TimeSeriesKernel, CrossSectionKernel, GroupKernel {}
