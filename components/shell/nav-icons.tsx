import {
  Activity,
  Bell,
  Boxes,
  ChartLine,
  Container,
  Database,
  FileClock,
  HardDrive,
  House,
  Layers,
  Network,
  PackageOpen,
  Server,
  ServerCog,
  Settings,
  Share2,
  ShieldCheck,
  User,
  Users,
  Workflow,
} from "lucide-react";
import type { NavIcon } from "@/lib/shell-nav";

/** lucide icons for the nav's icon names; decorative (the link text is the name). */
const ICONS: Record<NavIcon, typeof House> = {
  home: House,
  containers: Container,
  stacks: Layers,
  images: PackageOpen,
  networks: Network,
  volumes: HardDrive,
  events: Activity,
  topology: Share2,
  services: Workflow,
  nodes: Server,
  workloads: Boxes,
  endpoints: ServerCog,
  users: User,
  teams: Users,
  registries: Database,
  status: ShieldCheck,
  alerts: Bell,
  usage: ChartLine,
  settings: Settings,
  audit: FileClock,
};

export function NavIconView({ name }: { name: NavIcon }) {
  const Icon = ICONS[name];
  return <Icon aria-hidden className="size-4 shrink-0" />;
}
