namespace Hologram.Testing.Perf;

/// <summary>Thrown when a measurement is confidently over its latency, allocation or regression budget.</summary>
public sealed class PerfBudgetExceededException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public PerfBudgetExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public PerfBudgetExceededException()
        : this("performance budget exceeded")
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PerfBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The check that failed, when the exception came from a budget or regression check.</summary>
    public BudgetCheck? Check { get; init; }
}
