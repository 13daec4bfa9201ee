using Sipas.Reports.Wave;

namespace Sipas.Reports;

/// <summary>
/// The wave report as an A4 PDF: cover, contents, indicators against targets, area, agency and commune tables,
/// element and criterion breakdown, reliability and the methodology annex, in the model's language. The same
/// model always gives the same bytes.
/// </summary>
public static class WaveReport
{
    public static void Render(WaveReportModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new WaveReportWriter(model);
        writer.Write(output);
    }

    public static byte[] Render(WaveReportModel model)
    {
        using var buffer = new MemoryStream();
        Render(model, buffer);
        return buffer.ToArray();
    }
}
