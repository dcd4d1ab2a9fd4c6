import { HostCards } from "@/components/home/HostCards";
import { requestActor } from "@/server/auth/request-actor";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";

export const dynamic = "force-dynamic";

export const metadata = { title: "Home" };

export default async function Home() {
  const endpoints = listEndpoints(await requestActor());
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Home</h1>
      <HostCards initial={endpoints} />
    </>
  );
}
