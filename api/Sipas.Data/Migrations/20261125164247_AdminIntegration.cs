using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sipas.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdminIntegration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_responses_channel",
                schema: "sipas",
                table: "responses");

            migrationBuilder.AddColumn<bool>(
                name: "must_change_password",
                schema: "sipas",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "created_by",
                schema: "sipas",
                table: "targets",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "superseded_by_id",
                schema: "sipas",
                table: "targets",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "client_systems",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key_prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    key_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    agency_ids = table.Column<int[]>(type: "integer[]", nullable: false),
                    webhook_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    webhook_secret = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_client_systems", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    client_id = table.Column<int>(type: "integer", nullable: false),
                    snapshot_id = table.Column<int>(type: "integer", nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(40)", maxLength: 40, nullable: false),
                    url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_status_code = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_client_systems_client_id",
                        column: x => x.client_id,
                        principalSchema: "sipas",
                        principalTable: "client_systems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalSchema: "sipas",
                        principalTable: "snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_targets_superseded_by_id",
                schema: "sipas",
                table: "targets",
                column: "superseded_by_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_responses_channel",
                schema: "sipas",
                table: "responses",
                sql: "channel IN ('web', 'paper', 'interview', 'import', 'portal')");

            migrationBuilder.CreateIndex(
                name: "ix_client_systems_code",
                schema: "sipas",
                table: "client_systems",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_client_systems_key_prefix",
                schema: "sipas",
                table: "client_systems",
                column: "key_prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_client_id_created_at",
                schema: "sipas",
                table: "webhook_deliveries",
                columns: new[] { "client_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_snapshot_id_client_id_event",
                schema: "sipas",
                table: "webhook_deliveries",
                columns: new[] { "snapshot_id", "client_id", "event" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_targets_targets_superseded_by_id",
                schema: "sipas",
                table: "targets",
                column: "superseded_by_id",
                principalSchema: "sipas",
                principalTable: "targets",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_targets_targets_superseded_by_id",
                schema: "sipas",
                table: "targets");

            migrationBuilder.DropTable(
                name: "webhook_deliveries",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "client_systems",
                schema: "sipas");

            migrationBuilder.DropIndex(
                name: "ix_targets_superseded_by_id",
                schema: "sipas",
                table: "targets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_responses_channel",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "must_change_password",
                schema: "sipas",
                table: "users");

            migrationBuilder.DropColumn(
                name: "created_by",
                schema: "sipas",
                table: "targets");

            migrationBuilder.DropColumn(
                name: "superseded_by_id",
                schema: "sipas",
                table: "targets");

            migrationBuilder.AddCheckConstraint(
                name: "ck_responses_channel",
                schema: "sipas",
                table: "responses",
                sql: "channel IN ('web', 'paper', 'interview', 'import')");
        }
    }
}
