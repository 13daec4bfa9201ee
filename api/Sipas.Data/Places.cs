namespace Sipas.Data;

/// <summary>A commune-level administrative unit (xã, phường) with its national statistics (NSO) code.</summary>
public class AdministrativeUnit
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string FullName { get; set; }
    public required string NameEn { get; set; }
    /// <summary><c>xa</c> or <c>phuong</c> (or <c>dac-khu</c>).</summary>
    public required string Type { get; set; }
    public required string ProvinceCode { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    /// <summary>The unit that took this one over when it was merged or renamed.</summary>
    public string? SuccessorCode { get; set; }
    public string? LegalBasis { get; set; }
}

/// <summary>A service area (lĩnh vực): land, construction, investment, health, education, general.</summary>
public class ServiceArea
{
    public required string Code { get; set; }
    public required string NameVi { get; set; }
    public required string NameEn { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>An agency whose service is rated: a department, another provincial body, or a commune's People's Committee.</summary>
public class Agency
{
    public int Id { get; set; }
    /// <summary>Stable kebab-case code, e.g. <c>so-xay-dung</c> or <c>ubnd-16681</c>.</summary>
    public required string Code { get; set; }
    public required string NameVi { get; set; }
    public required string NameEn { get; set; }
    public required AgencyKind Kind { get; set; }
    /// <summary>The commune of a People's Committee (ubnd-&lt;code&gt;); null for provincial agencies.</summary>
    public string? UnitCode { get; set; }
    public string? Note { get; set; }
    /// <summary>False where the source data could not be confirmed: an admin should check it.</summary>
    public bool Verified { get; set; } = true;
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public int? SuccessorId { get; set; }
    public List<ServiceArea> Areas { get; set; } = [];
}

public enum AgencyKind { Provincial, Other, Commune }

/// <summary>An agency's counter or desk (điểm phục vụ) where citizens scan a QR code to rate the service.</summary>
public class ServicePoint
{
    public int Id { get; set; }
    /// <summary>Short public code used in the link <c>/s/{code}</c>, e.g. <c>XD-01</c>.</summary>
    public required string Code { get; set; }
    public required string NameVi { get; set; }
    public string? NameEn { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public required string AreaCode { get; set; }
    public string? UnitCode { get; set; }
    public string? Address { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    /// <summary>Opening hours in Vietnam time, e.g. <c>T2-T6 07:00-11:30 13:30-17:00; T7 07:30-11:30</c>; null: the default of
    /// a one-stop desk (Monday to Friday 07:00-17:30, Saturday 07:30-11:30).</summary>
    public string? OpeningHours { get; set; }
}
