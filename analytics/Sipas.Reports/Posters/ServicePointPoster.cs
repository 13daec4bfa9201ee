namespace Sipas.Reports;

/// <summary>What a service point's QR poster shows.</summary>
/// <param name="ShortLink">The link the QR code encodes, e.g. <c>https://sipas.nghean.gov.vn/s/XD-01</c>.</param>
/// <param name="Code">The service point code printed beside it, e.g. <c>XD-01</c>.</param>
public sealed record ServicePointPoster(string AgencyName, string ServicePointName, string ShortLink, string Code);
