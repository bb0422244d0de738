using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RelationsGraph.Model;

/// <summary>How much of a date the source states: "im Oktober 2019" is <see cref="Month"/>, not 1 October.</summary>
public enum DatePrecision { Year, Month, Day }

/// <summary>
/// A calendar date known to a precision. It stands for an interval: 2019-10 is all of October 2019.
/// Written as ISO 8601 with its precision in its length (YYYY, YYYY-MM, YYYY-MM-DD), which also sorts.
/// </summary>
[JsonConverter(typeof(FuzzyDateJsonConverter))]
public readonly record struct FuzzyDate : IComparable<FuzzyDate>
{
    public FuzzyDate(int year, int? month = null, int? day = null)
    {
        if (year is < 1 or > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be 1..9999.");
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "Month must be 1..12.");
        if (day is not null && (month is null || day < 1 || day > DateTime.DaysInMonth(year, month.Value)))
            throw new ArgumentOutOfRangeException(nameof(day), day, $"No day {day} in {year}-{month}.");
        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    public DatePrecision Precision => Day is not null ? DatePrecision.Day : Month is not null ? DatePrecision.Month : DatePrecision.Year;

    /// <summary>First day of the interval the date stands for.</summary>
    public DateOnly Start => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>Last day of the interval the date stands for.</summary>
    public DateOnly End => Precision switch
    {
        DatePrecision.Day => Start,
        DatePrecision.Month => new DateOnly(Year, Month!.Value, DateTime.DaysInMonth(Year, Month.Value)),
        _ => new DateOnly(Year, 12, 31),
    };

    public static FuzzyDate FromDate(DateOnly d) => new(d.Year, d.Month, d.Day);

    /// <summary>True when the interval of this date overlaps [from, to] (either bound may be open).</summary>
    public bool Overlaps(FuzzyDate? from, FuzzyDate? to) =>
        (from is null || End >= from.Value.Start) && (to is null || Start <= to.Value.End);

    public static bool TryParse(string? text, out FuzzyDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split('-');
        if (parts.Length > 3 || parts[0].Length != 4) return false;
        var n = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out n[i])) return false;
            if (i > 0 && parts[i].Length != 2) return false;
        }
        try
        {
            date = new FuzzyDate(n[0], parts.Length > 1 ? n[1] : null, parts.Length > 2 ? n[2] : null);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    public static FuzzyDate Parse(string text) =>
        TryParse(text, out var d) ? d : throw new FormatException($"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.");

    public int CompareTo(FuzzyDate other)
    {
        var c = Start.CompareTo(other.Start);
        return c != 0 ? c : Precision.CompareTo(other.Precision);
    }

    public override string ToString() => Precision switch
    {
        DatePrecision.Day => $"{Year:D4}-{Month:D2}-{Day:D2}",
        DatePrecision.Month => $"{Year:D4}-{Month:D2}",
        _ => $"{Year:D4}",
    };
}

internal sealed class FuzzyDateJsonConverter : JsonConverter<FuzzyDate>
{
    public override FuzzyDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        FuzzyDate.Parse(reader.GetString() ?? throw new JsonException("A date must be a string."));

    public override void Write(Utf8JsonWriter writer, FuzzyDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
