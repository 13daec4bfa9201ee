using SkiaSharp;

namespace Sipas.Reports.Layout;

/// <summary>
/// A4 pages recorded as vector pictures with a cursor that moves down the page and breaks to a new page when a
/// block does not fit. Pictures are played onto the PDF once the page total is known (for "Trang 3/12").
/// </summary>
internal sealed class PageBuilder(Action<PageBuilder>? startPage = null) : IDisposable
{
    public const float Width = 595, Height = 842;
    public const float Left = 56, Right = Width - 56, Top = 66, Bottom = Height - 62;
    public const float ContentWidth = Right - Left;

    private readonly List<SKPicture> pages = [];
    private SKPictureRecorder? recorder;
    private SKCanvas? canvas;

    public SKCanvas Canvas => canvas ?? throw new InvalidOperationException("no page started");
    public float Y { get; set; }
    public float Remaining => Bottom - Y;

    /// <summary>0-based index of the current page among the pages this builder made.</summary>
    public int PageIndex => pages.Count;

    public void NewPage()
    {
        EndPage();
        recorder = new SKPictureRecorder();
        canvas = recorder.BeginRecording(new SKRect(0, 0, Width, Height));
        Y = Top;
        startPage?.Invoke(this);
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void EnsureSpace(float height)
    {
        if (canvas is null || Y + height > Bottom) NewPage();
    }

    public IReadOnlyList<SKPicture> Finish()
    {
        EndPage();
        return pages;
    }

    private void EndPage()
    {
        if (recorder is null) return;
        pages.Add(recorder.EndRecording());
        recorder.Dispose();
        recorder = null;
        canvas = null;
    }

    public void Dispose()
    {
        EndPage();
        foreach (var page in pages) page.Dispose();
        pages.Clear();
    }
}
