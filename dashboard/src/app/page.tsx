"use client";
// /app/: sends the visitor to their bots when signed in, else to the login page.
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useApi } from "@/lib/ApiProvider";
import { Loading } from "@/components/ErrorMessage";

export default function Home() {
    const api = useApi();
    const router = useRouter();
    useEffect(() => {
        router.replace(api.isLoggedIn() ? "/bots/" : "/login/");
    }, [api, router]);
    return (
        <main id="main" className="container">
            <Loading />
        </main>
    );
}
