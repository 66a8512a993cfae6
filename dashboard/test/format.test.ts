// Numbers, money and dates per interface language (Uzbek by hand: browsers may lack its locale data).
import { describe, expect, it } from "vitest";
import { formatDate, formatMoney, formatNumber } from "@/lib/format";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("format", () => {
    it("writes Uzbek numbers, money and dates the Uzbek way", () => {
        expect(plain(formatNumber("uz", 50000))).toBe("50 000");
        expect(plain(formatMoney("uz", 1900, "USD"))).toBe("19,00 $");
        expect(plain(formatMoney("uz", 500000, "UZS"))).toBe("5 000 so'm");
        expect(formatDate("uz", "2026-12-17T10:00:00Z")).toBe("17-dekabr, 2026");
    });

    it("uses the platform's formats for Russian and English", () => {
        expect(plain(formatNumber("ru", 2000))).toBe("2 000");
        expect(plain(formatMoney("en", 1900, "USD"))).toBe("US$19.00");
        expect(formatDate("en", "2026-12-03T10:00:00Z")).toBe("3 Dec 2026");
    });

    it("keeps odd input readable", () => {
        expect(formatDate("ru", undefined)).toBe("");
        expect(formatDate("en", "not a date")).toBe("not a date");
    });
});
