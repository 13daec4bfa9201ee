using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipas.Data.Migrations
{
    /// <inheritdoc />
    public partial class Interviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contact_attempts",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    surveyor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stratum = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    disposition = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    response_id = table.Column<Guid>(type: "uuid", nullable: true),
                    content_hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_attempts", x => x.id);
                    table.CheckConstraint("ck_contact_attempts_disposition", "disposition IN ('completed', 'refused', 'non-contact', 'ineligible')");
                    table.ForeignKey(
                        name: "fk_contact_attempts_administrative_units_unit_code",
                        column: x => x.unit_code,
                        principalSchema: "sipas",
                        principalTable: "administrative_units",
                        principalColumn: "code");
                    table.ForeignKey(
                        name: "fk_contact_attempts_responses_response_id",
                        column: x => x.response_id,
                        principalSchema: "sipas",
                        principalTable: "responses",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_contact_attempts_users_surveyor_id",
                        column: x => x.surveyor_id,
                        principalSchema: "sipas",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_contact_attempts_waves_wave_id",
                        column: x => x.wave_id,
                        principalSchema: "sipas",
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_contact_attempts_response_id",
                schema: "sipas",
                table: "contact_attempts",
                column: "response_id");

            migrationBuilder.CreateIndex(
                name: "ix_contact_attempts_surveyor_id",
                schema: "sipas",
                table: "contact_attempts",
                column: "surveyor_id");

            migrationBuilder.CreateIndex(
                name: "ix_contact_attempts_unit_code",
                schema: "sipas",
                table: "contact_attempts",
                column: "unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_contact_attempts_wave_id_stratum",
                schema: "sipas",
                table: "contact_attempts",
                columns: new[] { "wave_id", "stratum" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_attempts_wave_id_surveyor_id",
                schema: "sipas",
                table: "contact_attempts",
                columns: new[] { "wave_id", "surveyor_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contact_attempts",
                schema: "sipas");
        }
    }
}
