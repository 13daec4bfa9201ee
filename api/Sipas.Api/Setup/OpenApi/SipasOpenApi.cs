using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Sipas.Api.Auth;

namespace Sipas.Api.Setup.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c>, the document client systems generate their clients from (docs/integration.md). Everything
/// here is read from the endpoints' own metadata, so an endpoint added tomorrow is described the same way:
/// <list type="bullet">
/// <item>security: <c>[{}]</c> (anonymous) for an endpoint with <see cref="IAllowAnonymous"/>, the client systems' API
/// key for one marked <see cref="ClientKeyExtensions.RequireClientKey{TBuilder}"/>, else the staff cookie with the
/// roles its authorization policy admits (and the antiforgery header on unsafe methods that check it);</item>
/// <item>an <c>operationId</c>: the endpoint's name (<c>WithName</c>) or one derived from the method and the route;</item>
/// <item>the 4xx answers (ProblemDetails) it can give: 400 where it takes input, 401/403 where it is secured, 404
/// where the route has a parameter, 413 where the body has a size limit, 429 where a rate limit applies, and 409,
/// 410, 422 where the endpoint declares them (<c>ProducesProblem</c>); 503 everywhere (the database may be down).</item>
/// </list>
/// </summary>
public static class SipasOpenApi
{
    public const string StaffCookie = "staffCookie", CsrfHeader = "csrfHeader", ClientKeyScheme = "clientApiKey", ClientBearer = "clientBearer";
    public const string ProblemSchema = "ProblemDetails";

    public static IServiceCollection AddSipasOpenApi(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOpenApi(o =>
        {
            o.AddOperationTransformer(DescribeOperationAsync);
            o.AddDocumentTransformer((document, _, _) =>
            {
                DescribeDocument(document, configuration.GetSection("Sipas:OpenApi"));
                return Task.CompletedTask;
            });
        });

    // ---- The document: info, servers, security schemes, shared responses, tags ----

    private static void DescribeDocument(OpenApiDocument document, IConfiguration settings)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Sipas API",
            Version = "1.0.0",
            Description = Info,
            Contact = new OpenApiContact
            {
                Name = settings["ContactName"] ?? "Quản trị viên Sipas của tỉnh / The province's Sipas administrators",
                Email = settings["ContactEmail"],
                Url = settings["ContactUrl"] is { Length: > 0 } url ? new Uri(url) : null,
            },
            // The project states no licence of its own yet (no LICENSE file): an installation names it here when it has one.
            License = settings["LicenseName"] is { Length: > 0 } license
                ? new OpenApiLicense
                {
                    Name = license, Identifier = settings["LicenseIdentifier"],
                    Url = settings["LicenseUrl"] is { Length: > 0 } licenseUrl ? new Uri(licenseUrl) : null,
                }
                : null,
        };
        // Relative: the API is where the document is served, whatever host name or proxy stands in front of it.
        document.Servers = [new OpenApiServer { Url = "/", Description = "Nơi phục vụ tài liệu này / Where this document is served" }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [StaffCookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "sipas.auth",
                Description = "Phiên đăng nhập của cán bộ (POST /api/auth/sign-in). / A staff session cookie (POST /api/auth/sign-in). " +
                    "The roles an operation lists are the roles that may call it.",
            },
            [CsrfHeader] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = CsrfFilter.HeaderName,
                Description = "Mã chống giả mạo từ GET /api/auth/csrf, cho các yêu cầu thay đổi dữ liệu của cán bộ. / " +
                    "The antiforgery token from GET /api/auth/csrf, on staff requests that change data.",
            },
            [ClientKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = Clients.ManageClients.KeyHeader,
                Description = "Khóa API của hệ thống khách (cấp tại /api/admin/clients, chỉ hiện một lần). / " +
                    "A client system's API key (issued at /api/admin/clients, shown once).",
            },
            [ClientBearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "Cùng khóa API, gửi trong Authorization: Bearer. / The same API key, sent as Authorization: Bearer.",
            },
        };

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem(); // the framework's, if any, does not know the `code` extension
        var operations = (document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>())
            .SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).ToList();
        var referenced = operations.SelectMany(o => o.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
            .OfType<OpenApiResponseReference>().Select(r => r.Reference.Id).ToHashSet();
        document.Components.Responses = Answers.Where(a => referenced.Contains(a.Value.Name)).ToDictionary(a => a.Value.Name,
            a => (IOpenApiResponse)new OpenApiResponse
            {
                Description = a.Value.Description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                },
            });

        var used = operations.SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).OfType<string>().ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal)
            .Select(name => new OpenApiTag { Name = name, Description = Tags.GetValueOrDefault(name) }));
    }

    private const string Info = """
        API của Sipas, nền tảng đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà
        nước (Chỉ số SIPAS). Người dân đánh giá không cần đăng nhập; cán bộ đăng nhập bằng cookie phiên (và gửi mã chống
        giả mạo trên các yêu cầu thay đổi dữ liệu); hệ thống khách (hệ thống giải quyết TTHC, cổng dịch vụ công) gửi khóa
        API trong tiêu đề `X-Api-Key`. Mọi lỗi là ProblemDetails (RFC 9457) có tiêu đề song ngữ và thường có mã `code`.

        The API of Sipas, the platform that measures how satisfied people and organisations are with the service of
        state agencies (the SIPAS index). Citizens rate without signing in; staff sign in with a session cookie (and send
        the antiforgery header on requests that change data); client systems (the TTHC handling system, a portal) send
        their API key in the `X-Api-Key` header. Every refusal is a ProblemDetails (RFC 9457) with a bilingual title and,
        mostly, a machine-readable `code`. See docs/integration.md.
        """;

    /// <summary>Tag descriptions, Vietnamese first. A tag missing here fails OpenApiDocumentTests.</summary>
    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Agencies and communes"] = "Cơ quan và xã, phường: tạo, đổi tên, sáp nhập, giải thể. / Agencies and communes: create, rename, merge, retire.",
        ["Audit"] = "Nhật ký thay đổi của quản trị viên. / The audit log of admin changes.",
        ["Auth"] = "Đăng nhập, đăng xuất, đổi mật khẩu của cán bộ; mã chống giả mạo. / Staff sign-in, sign-out, password change; the antiforgery token.",
        ["Citizens"] = "Người dân đánh giá (không đăng nhập): phiếu của điểm phục vụ, gửi phiếu, đường dẫn mời. / Citizens rating (no sign-in): a service point's survey, submissions, invitation links.",
        ["Exports"] = "Tải dữ liệu: kết quả CSV, bảng tổng hợp Excel, dữ liệu vi mô, báo cáo PDF. / Downloads: results CSV, Excel summary, microdata, PDF reports.",
        ["Fieldwork"] = "Điều tra thực địa: khung mẫu, chỉ tiêu mẫu, phân công, tiến độ. / Fieldwork: population frame, quotas, assignments, progress.",
        ["Integration"] = "Hệ thống khách (khóa API): đánh giá TTHC theo hồ sơ, lời mời đánh giá, đầu vào chấm điểm CCHC. / Client systems (API key): per-dossier TTHC ratings, rating invitations, the PAR scoring input.",
        ["Interviews"] = "Phỏng vấn của điều tra viên, kể cả ngoại tuyến. / Surveyors' interviews, offline ones too.",
        ["Machine clients"] = "Quản lý hệ thống khách: khóa API, phạm vi cơ quan, webhook. / Managing client systems: API keys, agency scope, webhooks.",
        ["PAR scoring"] = "Điểm CCHC: quy tắc quy đổi theo năm, tệp đầu vào cho phần mềm chấm điểm. / PAR scoring: the yearly conversion rules, the input files for the scoring software.",
        ["Public results"] = "Kết quả đã công bố cho mọi người (không đăng nhập): chỉ số so với chỉ tiêu, bảng xếp hạng, dữ liệu mở. / Published results for everyone (no sign-in): indicators against targets, league tables, open data.",
        ["Questionnaires"] = "Bộ phiếu: tải lên, sửa bản nháp, công bố, sao chép, ngừng dùng. / Questionnaires: upload, edit drafts, publish, copy, retire.",
        ["Reference"] = "Danh mục: lĩnh vực, đơn vị hành chính, cơ quan, ranh giới xã. / Reference data: service areas, units, agencies, commune boundaries.",
        ["Results"] = "Kết quả: tính bản kết quả, công bố, chỉ số, phân tích chi tiết, thay đổi. / Results: computing and publishing snapshots, indicators, drill-down, change.",
        ["Review"] = "Rà soát phiếu bị gắn cờ: giữ hay loại, có lý do. / Review of flagged responses: keep or exclude, with a reason.",
        ["Service points"] = "Điểm phục vụ (quầy một cửa): tạo, sửa, ngừng, mã QR, áp phích. / Service points (one-stop counters): create, edit, retire, QR codes, posters.",
        ["Surveyors"] = "Nhập phiếu giấy hai lần, đối chiếu, nhập tệp CSV. / Paper forms keyed twice, reconciliation, CSV imports.",
        ["Targets"] = "Chỉ tiêu theo chỉ số và năm, có lịch sử. / Targets per indicator and year, with history.",
        ["Users"] = "Tài khoản cán bộ và vai trò. / Staff accounts and their roles.",
        ["Waves"] = "Đợt khảo sát: tạo, sửa, mở, đóng. / Survey waves: create, edit, open, close.",
    };

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details; titles are in Vietnamese and English. / Chi tiết lỗi theo RFC 9457.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Mã lỗi máy đọc được / A machine-readable code (e.g. invalid-key, wave-closed)" },
        },
    };

    // ---- Each operation: operationId, security, 4xx answers ----

    private sealed record Answer(string Name, string Description);

    private static readonly Dictionary<int, Answer> Answers = new()
    {
        [400] = new("BadRequest", "Yêu cầu không hợp lệ; không có gì được lưu. / The request is malformed or invalid; nothing was stored."),
        [401] = new("Unauthorized", "Cần đăng nhập, hoặc khóa API thiếu, sai hay đã thu hồi. / Sign-in required, or the API key is missing, wrong or revoked."),
        [403] = new("Forbidden", "Vai trò không được phép (hoặc phải đổi mật khẩu một lần trước). / The role may not (or a one-time password must be changed first)."),
        [404] = new("NotFound", "Không tìm thấy. / Not found."),
        [409] = new("Conflict", "Xung đột với trạng thái hiện tại (ví dụ đợt đã đóng). / Conflicts with the current state (e.g. the wave is closed)."),
        [410] = new("Gone", "Không còn dùng được. / No longer available."),
        [413] = new("PayloadTooLarge", "Nội dung quá lớn; không có gì được lưu. / The body is too large; nothing was stored."),
        [422] = new("UnprocessableEntity", "Không xử lý được nội dung này. / The content cannot be processed."),
        [429] = new("TooManyRequests", "Quá nhiều yêu cầu; thử lại sau Retry-After giây. / Too many requests; retry after Retry-After seconds."),
        [503] = new("ServiceUnavailable", "Cơ sở dữ liệu tạm thời không nhận; gửi lại sau Retry-After giây. / The database is briefly unavailable; send again after Retry-After seconds."),
    };

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = (description.HttpMethod ?? "GET").ToUpperInvariant();
        var route = description.RelativePath ?? "";
        var document = context.Document!;

        operation.OperationId ??= OperationId(method, route);

        foreach (var parameter in operation.Parameters ?? [])
            if (parameter is OpenApiParameter { Schema: OpenApiSchema { Type: null, Properties: null or { Count: 0 }, AllOf: null, AnyOf: null, OneOf: null } schema })
                schema.Type = JsonSchemaType.String; // route and query values are text; the framework leaves a string's schema empty

        var statuses = new SortedSet<int> { 503 };
        var unsafeMethod = method is not ("GET" or "HEAD" or "OPTIONS");
        if (operation.RequestBody is not null || operation.Parameters is { Count: > 0 }) statuses.Add(400);
        if (route.Contains('{')) statuses.Add(404);
        if (metadata.OfType<IRequestSizeLimitMetadata>().Any()) statuses.Add(413);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any()) statuses.Add(429);
        foreach (var produces in metadata.OfType<IProducesResponseTypeMetadata>())
            if (produces.StatusCode is >= 400 and < 500) statuses.Add(produces.StatusCode);

        if (metadata.OfType<ClientKey>().Any())
        {
            operation.Security = [Requirement(document, ClientKeyScheme), Requirement(document, ClientBearer)];
            statuses.Add(401);
        }
        else if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement()]; // [{}]: no credential needed
        }
        else
        {
            var services = context.ApplicationServices;
            var policy = await AuthorizationPolicy.CombineAsync(services.GetRequiredService<IAuthorizationPolicyProvider>(),
                metadata.OfType<IAuthorizeData>(), metadata.OfType<AuthorizationPolicy>());
            var roles = policy?.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
                .SelectMany(r => r.AllowedRoles).Distinct().Order(StringComparer.Ordinal).ToList() ?? [];
            var requirement = Requirement(document, StaffCookie, roles);
            var csrf = unsafeMethod && metadata.OfType<RequiresCsrf>().Any();
            if (csrf) requirement.Add(new OpenApiSecuritySchemeReference(CsrfHeader, document), []);
            operation.Security = [requirement];
            statuses.UnionWith([401, 403]);
            if (csrf) statuses.Add(400);
            if (roles.Count > 0)
                operation.Description = Append(operation.Description, $"Vai trò / Roles: {string.Join(", ", roles)}.");
        }

        operation.Responses ??= new OpenApiResponses();
        // Files (Produces(200, contentType: "text/csv")): the framework leaves their content out.
        foreach (var produces in metadata.OfType<IProducesResponseTypeMetadata>())
        {
            if (produces.StatusCode is < 200 or >= 300 || !produces.ContentTypes.Any()) continue;
            var key = produces.StatusCode.ToString(CultureInfo.InvariantCulture);
            if (operation.Responses.TryGetValue(key, out var existing) && existing is not OpenApiResponse { Content: null or { Count: 0 } }) continue;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = existing?.Description ?? "OK",
                Content = produces.ContentTypes.ToDictionary(type => type, type => new OpenApiMediaType
                {
                    Schema = type.Contains("json", StringComparison.Ordinal) ? new OpenApiSchema()
                        : type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("+xml", StringComparison.Ordinal)
                            ? new OpenApiSchema { Type = JsonSchemaType.String }
                            : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                }),
            };
        }
        foreach (var status in statuses)
        {
            var key = status.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(key, out var existing))
                operation.Responses[key] = new OpenApiResponseReference(Answers[status].Name, document);
            else if (existing is OpenApiResponse described && described.Description == ReasonPhrases.GetReasonPhrase(status)
                && Answers.TryGetValue(status, out var answer))
                described.Description = answer.Description; // instead of the framework's English reason phrase
            if (operation.Responses[key] is OpenApiResponse { Content: null or { Count: 0 } } bare)
            {
                // A declared status without a body (Produces(404), NotFound): the app answers it with a ProblemDetails.
                bare.Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                };
            }
        }
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme, List<string>? roles = null) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = roles ?? [] };

    private static string Append(string? text, string line) => string.IsNullOrEmpty(text) ? line : $"{text}\n\n{line}";

    /// <summary>
    /// The HTTP method and the route after <c>/api</c>, in camel case, a parameter as <c>By{Name}</c>:
    /// <c>GET /api/admin/agencies/{code}</c> → <c>getAdminAgenciesByCode</c>,
    /// <c>GET /api/results/snapshots/{id}/reports/{language}.pdf</c> → <c>getResultsSnapshotsByIdReportsByLanguagePdf</c>.
    /// Stable while the route is; an endpoint's <c>WithName</c> takes precedence.
    /// </summary>
    public static string OperationId(string method, string route)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        var segments = route.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.FirstOrDefault() == "api") segments.RemoveAt(0);
        foreach (var segment in segments)
            foreach (var part in System.Text.RegularExpressions.Regex.Split(segment, @"(\{[^}]*\})"))
            {
                if (part.Length == 0) continue;
                var isParameter = part.StartsWith('{');
                if (isParameter) id.Append("By");
                var name = isParameter ? part.Trim('{', '}').Split(':', '=', '?')[0].TrimStart('*') : part;
                foreach (var word in name.Split(['-', '.', '_'], StringSplitOptions.RemoveEmptyEntries))
                    id.Append(char.ToUpperInvariant(word[0])).Append(word[1..]);
            }
        return id.ToString();
    }
}

/// <summary>Endpoint metadata: the handler authenticates a client system by its API key (<c>X-Api-Key</c> or Bearer).</summary>
public sealed class ClientKey
{
    public static readonly ClientKey Instance = new();
}

public static class ClientKeyExtensions
{
    /// <summary>Marks endpoints that authenticate a client system's API key themselves (for the OpenAPI document).</summary>
    public static TBuilder RequireClientKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ClientKey.Instance);
}
