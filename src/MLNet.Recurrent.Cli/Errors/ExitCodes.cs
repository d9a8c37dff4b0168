namespace MLNet.Recurrent.Cli.Errors;

/// <summary>The process exit codes of <c>mlnet-recurrent</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The data or the model could not be used: a missing file or column, a value of the wrong type, a corrupt model, training that diverged.</summary>
    public const int DataError = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing or malformed value, options that do not go together.</summary>
    public const int UsageError = 2;
}
