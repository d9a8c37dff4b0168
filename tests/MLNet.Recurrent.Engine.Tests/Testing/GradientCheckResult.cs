namespace MLNet.Recurrent.Engine.Tests.Testing;

/// <summary>What a passing <see cref="GradientCheck"/> measured.</summary>
/// <param name="ElementsChecked">How many input elements were perturbed.</param>
/// <param name="MaxAbsoluteError">The largest |analytic − numeric| over those elements.</param>
/// <param name="MaxToleranceRatio">The largest |analytic − numeric| / tolerance (below 1 when passing): how close the check came to failing.</param>
public sealed record GradientCheckResult(int ElementsChecked, double MaxAbsoluteError, double MaxToleranceRatio);
