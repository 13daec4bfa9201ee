using Sipas.Analytics;

namespace Sipas.Reports.Charts;

/// <summary>One category of a dot-and-whisker chart: proportions in [0, 1], target optional.</summary>
internal sealed record ChartRow(string Label, double Estimate, Interval Ci, double? Target = null);

/// <summary>One bar of the change chart: d and its SE as proportions.</summary>
internal sealed record ChangeBar(string Label, double Difference, double Se, bool Significant);
