namespace MLNet.Recurrent.Engine.Tests.Testing;

/// <summary>Thrown by <see cref="GradientCheck"/> when an analytic gradient disagrees with the finite-difference one.</summary>
public sealed class GradientCheckException(string message) : Exception(message);
