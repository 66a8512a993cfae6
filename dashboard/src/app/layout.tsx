// The root document: providers, the pre-paint language script, global styles.
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { I18nProvider, LANG_BOOT_SCRIPT } from "@/i18n/I18nProvider";
import { ApiProvider } from "@/lib/ApiProvider";
import "./globals.css";

// No metadata title: each screen sets its own, translated (useTitle); Next would put a fixed one back.
export const metadata: Metadata = {
    description: "BotFactory: your AI assistant on Telegram",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
    return (
        <html lang="uz" suppressHydrationWarning>
            <head>
                <script dangerouslySetInnerHTML={{ __html: LANG_BOOT_SCRIPT }} />
            </head>
            <body>
                <I18nProvider>
                    <ApiProvider>{children}</ApiProvider>
                </I18nProvider>
            </body>
        </html>
    );
}
