using MLNet.Recurrent.Data;

namespace Forecasting;

/// <summary>A row of samples/data/sunspots.csv.</summary>
public sealed class SunspotRow
{
    /// <summary>The year.</summary>
    [LoadColumn(0)]
    public float Year { get; set; }

    /// <summary>The yearly mean sunspot number.</summary>
    [LoadColumn(1)]
    [ColumnName("Value")]
    public float Sunspots { get; set; }
}

/// <summary>A row of samples/data/co2-weekly.csv.</summary>
public sealed class Co2Row
{
    /// <summary>The week (ISO date).</summary>
    [LoadColumn(0)]
    public string Date { get; set; } = "";

    /// <summary>CO2 in ppm.</summary>
    [LoadColumn(1)]
    [ColumnName("Value")]
    public float Co2 { get; set; }

    /// <summary>1 when the value was interpolated over a gap.</summary>
    [LoadColumn(2)]
    public float Interpolated { get; set; }
}

/// <summary>A forecasting example read back from a scored view: the window, the actual horizon and the forecast.</summary>
public sealed class ForecastRow
{
    /// <summary>The past values.</summary>
    public float[] Window { get; set; } = [];

    /// <summary>The actual next values.</summary>
    public float[] Horizon { get; set; } = [];
}

/// <summary>A naive forecast to evaluate: the actual horizon and the last observed value repeated.</summary>
public sealed class NaiveForecastRow
{
    /// <summary>The actual next values.</summary>
    public float[] Horizon { get; set; } = [];

    /// <summary>The last window value, repeated H times.</summary>
    public float[] Score { get; set; } = [];
}
