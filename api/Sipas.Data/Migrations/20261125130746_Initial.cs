using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sipas.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "sipas");

            migrationBuilder.CreateTable(
                name: "administrative_units",
                schema: "sipas",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    full_name = table.Column<string>(type: "text", nullable: false),
                    name_en = table.Column<string>(type: "text", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    province_code = table.Column<string>(type: "text", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    successor_code = table.Column<string>(type: "character varying(10)", nullable: true),
                    legal_basis = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_administrative_units", x => x.code);
                    table.ForeignKey(
                        name: "fk_administrative_units_administrative_units_successor_code",
                        column: x => x.successor_code,
                        principalSchema: "sipas",
                        principalTable: "administrative_units",
                        principalColumn: "code");
                });

            migrationBuilder.CreateTable(
                name: "questionnaires",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<string>(type: "text", nullable: false),
                    family = table.Column<string>(type: "text", nullable: false),
                    title_vi = table.Column<string>(type: "text", nullable: false),
                    title_en = table.Column<string>(type: "text", nullable: true),
                    definition = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    scored_items = table.Column<string[]>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questionnaires", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "roles",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_areas",
                schema: "sipas",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name_vi = table.Column<string>(type: "text", nullable: false),
                    name_en = table.Column<string>(type: "text", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_areas", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "targets",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    comparator = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    threshold_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    legal_basis = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    superseded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_targets", x => x.id);
                    table.CheckConstraint("ck_targets_comparator", "comparator IN ('>', '≥')");
                });

            migrationBuilder.CreateTable(
                name: "users",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    disabled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "waves",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_vi = table.Column<string>(type: "text", nullable: false),
                    name_en = table.Column<string>(type: "text", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    lookback_from = table.Column<DateOnly>(type: "date", nullable: false),
                    lookback_to = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    official_channels = table.Column<string[]>(type: "text[]", nullable: false),
                    area_codes = table.Column<string[]>(type: "text[]", nullable: false),
                    unit_codes = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waves", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "agencies",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name_vi = table.Column<string>(type: "text", nullable: false),
                    name_en = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(10)", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    verified = table.Column<bool>(type: "boolean", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    successor_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agencies", x => x.id);
                    table.ForeignKey(
                        name: "fk_agencies_administrative_units_unit_code",
                        column: x => x.unit_code,
                        principalSchema: "sipas",
                        principalTable: "administrative_units",
                        principalColumn: "code");
                    table.ForeignKey(
                        name: "fk_agencies_agencies_successor_id",
                        column: x => x.successor_id,
                        principalSchema: "sipas",
                        principalTable: "agencies",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "role_claims",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_claims_roles_role_id",
                        column: x => x.role_id,
                        principalSchema: "sipas",
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_claims",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_claims_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "sipas",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_logins",
                schema: "sipas",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_user_logins_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "sipas",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_roles",
                schema: "sipas",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_user_roles_roles_role_id",
                        column: x => x.role_id,
                        principalSchema: "sipas",
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_roles_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "sipas",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_tokens",
                schema: "sipas",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_user_tokens_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "sipas",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wave_questionnaires",
                schema: "sipas",
                columns: table => new
                {
                    questionnaires_id = table.Column<int>(type: "integer", nullable: false),
                    wave_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wave_questionnaires", x => new { x.questionnaires_id, x.wave_id });
                    table.ForeignKey(
                        name: "fk_wave_questionnaires_questionnaires_questionnaires_id",
                        column: x => x.questionnaires_id,
                        principalSchema: "sipas",
                        principalTable: "questionnaires",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_wave_questionnaires_waves_wave_id",
                        column: x => x.wave_id,
                        principalSchema: "sipas",
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agency_areas",
                schema: "sipas",
                columns: table => new
                {
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    areas_code = table.Column<string>(type: "character varying(20)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agency_areas", x => new { x.agency_id, x.areas_code });
                    table.ForeignKey(
                        name: "fk_agency_areas_agencies_agency_id",
                        column: x => x.agency_id,
                        principalSchema: "sipas",
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_agency_areas_service_areas_areas_code",
                        column: x => x.areas_code,
                        principalSchema: "sipas",
                        principalTable: "service_areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_points",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name_vi = table.Column<string>(type: "text", nullable: false),
                    name_en = table.Column<string>(type: "text", nullable: true),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    area_code = table.Column<string>(type: "character varying(20)", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(10)", nullable: true),
                    address = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_points", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_points_administrative_units_unit_code",
                        column: x => x.unit_code,
                        principalSchema: "sipas",
                        principalTable: "administrative_units",
                        principalColumn: "code");
                    table.ForeignKey(
                        name: "fk_service_points_agencies_agency_id",
                        column: x => x.agency_id,
                        principalSchema: "sipas",
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_service_points_service_areas_area_code",
                        column: x => x.area_code,
                        principalSchema: "sipas",
                        principalTable: "service_areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wave_agencies",
                schema: "sipas",
                columns: table => new
                {
                    agencies_id = table.Column<int>(type: "integer", nullable: false),
                    wave_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wave_agencies", x => new { x.agencies_id, x.wave_id });
                    table.ForeignKey(
                        name: "fk_wave_agencies_agencies_agencies_id",
                        column: x => x.agencies_id,
                        principalSchema: "sipas",
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_wave_agencies_waves_wave_id",
                        column: x => x.wave_id,
                        principalSchema: "sipas",
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "responses",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    questionnaire_id = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    area_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    stratum = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    service_point_id = table.Column<int>(type: "integer", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    scores = table.Column<short?[]>(type: "smallint[]", nullable: false),
                    other_answers = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    dossier_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    content_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    flags = table.Column<string[]>(type: "text[]", nullable: false),
                    entered_by = table.Column<Guid>(type: "uuid", nullable: true),
                    superseded_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_responses", x => x.id);
                    table.CheckConstraint("ck_responses_channel", "channel IN ('web', 'paper', 'interview', 'import')");
                    table.ForeignKey(
                        name: "fk_responses_administrative_units_unit_code",
                        column: x => x.unit_code,
                        principalSchema: "sipas",
                        principalTable: "administrative_units",
                        principalColumn: "code");
                    table.ForeignKey(
                        name: "fk_responses_agencies_agency_id",
                        column: x => x.agency_id,
                        principalSchema: "sipas",
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_responses_questionnaires_questionnaire_id",
                        column: x => x.questionnaire_id,
                        principalSchema: "sipas",
                        principalTable: "questionnaires",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_responses_service_areas_area_code",
                        column: x => x.area_code,
                        principalSchema: "sipas",
                        principalTable: "service_areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_responses_service_points_service_point_id",
                        column: x => x.service_point_id,
                        principalSchema: "sipas",
                        principalTable: "service_points",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_responses_waves_wave_id",
                        column: x => x.wave_id,
                        principalSchema: "sipas",
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_administrative_units_successor_code",
                schema: "sipas",
                table: "administrative_units",
                column: "successor_code");

            migrationBuilder.CreateIndex(
                name: "ix_agencies_code",
                schema: "sipas",
                table: "agencies",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_agencies_successor_id",
                schema: "sipas",
                table: "agencies",
                column: "successor_id");

            migrationBuilder.CreateIndex(
                name: "ix_agencies_unit_code",
                schema: "sipas",
                table: "agencies",
                column: "unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_agency_areas_areas_code",
                schema: "sipas",
                table: "agency_areas",
                column: "areas_code");

            migrationBuilder.CreateIndex(
                name: "ix_questionnaires_code_version",
                schema: "sipas",
                table: "questionnaires",
                columns: new[] { "code", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_responses_agency_id",
                schema: "sipas",
                table: "responses",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_responses_area_code",
                schema: "sipas",
                table: "responses",
                column: "area_code");

            migrationBuilder.CreateIndex(
                name: "ix_responses_questionnaire_id",
                schema: "sipas",
                table: "responses",
                column: "questionnaire_id");

            migrationBuilder.CreateIndex(
                name: "ix_responses_service_point_id",
                schema: "sipas",
                table: "responses",
                column: "service_point_id");

            migrationBuilder.CreateIndex(
                name: "ix_responses_unit_code",
                schema: "sipas",
                table: "responses",
                column: "unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_responses_wave_id_questionnaire_id",
                schema: "sipas",
                table: "responses",
                columns: new[] { "wave_id", "questionnaire_id" });

            migrationBuilder.CreateIndex(
                name: "ix_role_claims_role_id",
                schema: "sipas",
                table: "role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                schema: "sipas",
                table: "roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_points_agency_id",
                schema: "sipas",
                table: "service_points",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_points_area_code",
                schema: "sipas",
                table: "service_points",
                column: "area_code");

            migrationBuilder.CreateIndex(
                name: "ix_service_points_code",
                schema: "sipas",
                table: "service_points",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_points_unit_code",
                schema: "sipas",
                table: "service_points",
                column: "unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_targets_indicator_year",
                schema: "sipas",
                table: "targets",
                columns: new[] { "indicator", "year" },
                unique: true,
                filter: "superseded_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_user_claims_user_id",
                schema: "sipas",
                table: "user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_logins_user_id",
                schema: "sipas",
                table: "user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_roles_role_id",
                schema: "sipas",
                table: "user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                schema: "sipas",
                table: "users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                schema: "sipas",
                table: "users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wave_agencies_wave_id",
                schema: "sipas",
                table: "wave_agencies",
                column: "wave_id");

            migrationBuilder.CreateIndex(
                name: "ix_wave_questionnaires_wave_id",
                schema: "sipas",
                table: "wave_questionnaires",
                column: "wave_id");

            migrationBuilder.CreateIndex(
                name: "ix_waves_code",
                schema: "sipas",
                table: "waves",
                column: "code",
                unique: true);

            // Backstop for SipasDb's guard: a published questionnaire version only moves to retired.
            migrationBuilder.Sql("""
                CREATE FUNCTION sipas.questionnaires_immutable_when_published() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        IF OLD.status <> 'Draft' THEN
                            RAISE EXCEPTION 'questionnaire %@% is published and cannot be deleted', OLD.code, OLD.version
                                USING ERRCODE = 'check_violation';
                        END IF;
                        RETURN OLD;
                    END IF;
                    IF OLD.status <> 'Draft' AND (
                        NEW.status = 'Draft' OR NEW.code <> OLD.code OR NEW.version <> OLD.version
                        OR NEW.family <> OLD.family OR NEW.definition <> OLD.definition
                        OR NEW.scored_items <> OLD.scored_items OR NEW.title_vi <> OLD.title_vi
                        OR NEW.title_en IS DISTINCT FROM OLD.title_en
                        OR NEW.published_at IS DISTINCT FROM OLD.published_at) THEN
                        RAISE EXCEPTION 'questionnaire %@% is published and cannot be changed', OLD.code, OLD.version
                            USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER questionnaires_immutable_when_published
                    BEFORE UPDATE OR DELETE ON sipas.questionnaires
                    FOR EACH ROW EXECUTE FUNCTION sipas.questionnaires_immutable_when_published();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS questionnaires_immutable_when_published ON sipas.questionnaires; DROP FUNCTION IF EXISTS sipas.questionnaires_immutable_when_published();");

            migrationBuilder.DropTable(
                name: "agency_areas",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "responses",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "role_claims",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "targets",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "user_claims",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "user_logins",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "user_roles",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "user_tokens",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "wave_agencies",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "wave_questionnaires",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "service_points",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "roles",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "users",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "questionnaires",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "waves",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "agencies",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "service_areas",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "administrative_units",
                schema: "sipas");
        }
    }
}
