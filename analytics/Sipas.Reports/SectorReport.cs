using Sipas.Reports.Sectors;

namespace Sipas.Reports;

/// <summary>
/// A sector report (land, construction, investment: the SIPAS responses of that service area), or the health or
/// education report (their own questionnaires, facilities or schools as units), as an A4 PDF with its language,
/// bookmarks and tags. The same model always gives the same bytes; a model with no responses still renders, saying so.
/// </summary>
public static class SectorReport
{
    public static void Render(SectorReportModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new SectorWriter(model);
        writer.Write(output);
    }

    public static byte[] Render(SectorReportModel model)
    {
        using var buffer = new MemoryStream();
        Render(model, buffer);
        return buffer.ToArray();
    }
}
