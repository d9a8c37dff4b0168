namespace MLNet.Recurrent.Engine.Interop;

/// <summary>
/// Thrown when bytes are not a valid safetensors file, or hold a tensor this engine cannot read (any dtype but
/// F32). The message names the part at fault (the header, a tensor, a field) and says what was expected and what
/// came, e.g. <c>tensor 'weight_ih_l0': expected dtype F32, got F64.</c>
/// </summary>
public sealed class SafeTensorsFormatException : FormatException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SafeTensorsFormatException()
        : base("The data is not a valid safetensors file.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the tensor or field and the expected and actual values.</param>
    public SafeTensorsFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the error that revealed the problem.</summary>
    /// <param name="message">What is wrong, naming the tensor or field and the expected and actual values.</param>
    /// <param name="innerException">The underlying error (for example a JSON parse error).</param>
    public SafeTensorsFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
