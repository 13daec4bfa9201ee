using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sipas.Jobs.Exports;

/// <summary>
/// The cells of one response's other answers (the unscored items, stored as a <c>jsonb</c> object by item code),
/// read from the object's text with a <see cref="Utf8JsonReader"/> into one reused buffer: a string as its text,
/// a number in invariant round-trip form (<c>"R"</c>), <c>true</c>/<c>false</c>, options (an array) joined by
/// <c>|</c>, null and objects empty. Only the questionnaire's own codes are kept; other keys are skipped.
/// </summary>
internal sealed class OtherAnswerCells(IReadOnlyList<string> codes)
{
    private readonly byte[][] names = [.. codes.Select(Encoding.UTF8.GetBytes)];
    private readonly int[] starts = new int[codes.Count], lengths = new int[codes.Count];
    private readonly bool[] numbers = new bool[codes.Count];
    private byte[] cells = new byte[1024];
    private int used;

    /// <summary>How many codes are read.</summary>
    public int Count => names.Length;

    /// <summary>Forgets the previous response's answers: every cell empty.</summary>
    public void Clear()
    {
        Array.Clear(lengths);
        Array.Clear(numbers);
        used = 0;
    }

    /// <summary>Reads the answers of <paramref name="json"/>, a JSON object; a value of a code given twice: the last.</summary>
    public void Read(ReadOnlySpan<byte> json)
    {
        Clear();
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new InvalidDataException("A response's other answers are not a JSON object.");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var k = names.Length - 1;
            while (k >= 0 && !reader.ValueTextEquals(names[k])) k--;
            reader.Read();
            if (k < 0)
            {
                reader.Skip();
                continue;
            }
            var start = used;
            numbers[k] = reader.TokenType == JsonTokenType.Number;
            if (reader.TokenType == JsonTokenType.StartArray) Options(ref reader);
            else Value(ref reader);
            starts[k] = start;
            lengths[k] = used - start;
        }
    }

    /// <summary>The answer to code <paramref name="k"/>, not yet quoted; empty when not answered.</summary>
    public ReadOnlySpan<byte> Cell(int k) => cells.AsSpan(starts[k], lengths[k]);

    /// <summary>True when the answer to code <paramref name="k"/> is a number (a number cell, never guarded).</summary>
    public bool IsNumber(int k) => numbers[k];

    /// <summary>An array's items joined by <c>|</c>, nested arrays flattened the same way.</summary>
    private void Options(ref Utf8JsonReader reader)
    {
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first) used += Copy("|"u8);
            first = false;
            if (reader.TokenType == JsonTokenType.StartArray) Options(ref reader);
            else Value(ref reader);
        }
    }

    private void Value(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                used += reader.ValueIsEscaped
                    ? reader.CopyString(Free(reader.ValueSpan.Length))
                    : Copy(reader.ValueSpan);
                break;
            case JsonTokenType.Number:
                reader.GetDouble().TryFormat(Free(32), out var written, "R", CultureInfo.InvariantCulture);
                used += written;
                break;
            case JsonTokenType.True:
                used += Copy("true"u8);
                break;
            case JsonTokenType.False:
                used += Copy("false"u8);
                break;
            case JsonTokenType.StartObject:
                reader.Skip();
                break;
        }
    }

    private int Copy(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Free(bytes.Length));
        return bytes.Length;
    }

    private Span<byte> Free(int bytes)
    {
        if (cells.Length - used < bytes) Array.Resize(ref cells, Math.Max(cells.Length * 2, used + bytes));
        return cells.AsSpan(used);
    }
}
